package io.crmhub.identity.cluster;

import io.crmhub.identity.match.MatchExplanation;

/**
 * A compared pair in the review band: a candidate for a person to decide.
 *
 * @param left        the smaller record index
 * @param right       the larger record index
 * @param explanation score and field levels (no field values)
 */
public record ReviewPair(int left, int right, MatchExplanation explanation) {}
