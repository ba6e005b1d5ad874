package io.crmhub.identity.match;

/**
 * One way two records compare on a field, before weighing.
 *
 * @param level the comparison level
 * @param value the value both records hold when the level is an equal-value one (for the term-frequency
 *              adjustment); null otherwise
 */
record Comparison(Level level, String value) {

    static Comparison of(Level level) {
        return new Comparison(level, null);
    }
}
