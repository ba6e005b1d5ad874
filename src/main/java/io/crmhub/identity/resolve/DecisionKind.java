package io.crmhub.identity.resolve;

/** What an identity decision did; each is a row in identity_decision and an event on the identity topic. */
public enum DecisionKind {
    /** A record matched nobody: a new golden customer. */
    CREATED,
    /** A record joined an existing golden customer. */
    LINKED,
    /** Two golden customers became one; the older id survives, the other points at it. */
    MERGED,
    /** Records were split off a golden customer into a new one; the original id stays with the rest. */
    UNMERGED,
    /** A changed record no longer matches its golden customer and moved to another (or a new) one. */
    RELINKED,
    /** A pair scored in the review band and waits for a person. */
    REVIEW_OPENED,
    /** A person answered a review: merge or distinct. */
    REVIEW_DECIDED,
    /** A link or merge was refused because the cluster would exceed the configured maximum size. */
    CAPPED,
    /** Every source record of a golden customer is deleted. */
    DEACTIVATED
}
