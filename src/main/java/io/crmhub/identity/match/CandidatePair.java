package io.crmhub.identity.match;

/**
 * Two records that share at least one block key, by their positions in the blocked list.
 *
 * @param left  the smaller position
 * @param right the larger position
 */
public record CandidatePair(int left, int right) {

    public CandidatePair {
        if (left >= right) {
            throw new IllegalArgumentException("left must be smaller than right");
        }
    }
}
