package io.crmhub.identity.match;

/**
 * The m and u probabilities of one comparison level.
 *
 * @param m P(level | the records are the same customer)
 * @param u P(level | they are not)
 */
public record Probabilities(double m, double u) {

    public Probabilities {
        if (!(m > 0 && m < 1 && u > 0 && u < 1)) {
            throw new IllegalArgumentException("m and u must lie strictly between 0 and 1, got m=" + m + " u=" + u);
        }
    }

    /** log2(m/u): the weight in bits of agreeing on this level. */
    public double agreementWeight() {
        return log2(m / u);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
