package io.crmhub.ops.backfill;

/** What happened to the records of a run so far (mutable; one run at a time). */
public final class BackfillCounts {

    /** What became of one record. */
    public enum Outcome { APPLIED, STALE, DUPLICATE, DEAD_LETTERED }

    private long applied;
    private long stale;
    private long duplicate;
    private long deadLettered;
    private long rejected;

    public BackfillCounts(long applied, long stale, long duplicate, long deadLettered) {
        this(applied, stale, duplicate, deadLettered, 0);
    }

    public BackfillCounts(long applied, long stale, long duplicate, long deadLettered, long rejected) {
        this.applied = applied;
        this.stale = stale;
        this.duplicate = duplicate;
        this.deadLettered = deadLettered;
        this.rejected = rejected;
    }

    public void add(Outcome outcome) {
        switch (outcome) {
            case APPLIED -> applied++;
            case STALE -> stale++;
            case DUPLICATE -> duplicate++;
            case DEAD_LETTERED -> deadLettered++;
        }
    }

    /** Source items the source itself refused into its rejects file (a file's bad lines). */
    public void addRejected(long n) {
        rejected += n;
    }

    public long processed() {
        return applied + stale + duplicate + deadLettered + rejected;
    }

    public long applied() {
        return applied;
    }

    public long stale() {
        return stale;
    }

    public long duplicate() {
        return duplicate;
    }

    public long deadLettered() {
        return deadLettered;
    }

    public long rejected() {
        return rejected;
    }
}
