package io.crmhub.canonical;

/**
 * What happened to a source record. {@link #READ} is a snapshot/backfill read: history, not new activity.
 */
public enum ChangeOp {
    CREATE, UPDATE, DELETE, READ;

    public boolean isDelete() {
        return this == DELETE;
    }
}
