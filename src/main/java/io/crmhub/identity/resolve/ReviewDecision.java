package io.crmhub.identity.resolve;

/** A person's answer to a review pair. */
public enum ReviewDecision {
    /** The two records are one customer: their golden customers merge. */
    MERGE,
    /** They are two customers: they are never linked automatically again (and split if they are linked now). */
    DISTINCT
}
