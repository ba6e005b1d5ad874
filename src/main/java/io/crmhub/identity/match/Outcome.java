package io.crmhub.identity.match;

/** What happens to a compared pair. */
public enum Outcome {
    /** Link the two records to one golden customer. */
    MERGE,
    /** Keep as a candidate pair for a person to decide. */
    REVIEW,
    NO_MATCH
}
