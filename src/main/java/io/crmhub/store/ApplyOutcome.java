package io.crmhub.store;

/** What applying one canonical event did to the store. */
public enum ApplyOutcome {
    /** the change is now reflected */
    APPLIED,
    /** this very event was applied before (re-delivery); nothing changed */
    DUPLICATE,
    /** a newer change of the same source record is already applied; nothing changed */
    STALE
}
