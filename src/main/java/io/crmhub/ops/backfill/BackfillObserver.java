package io.crmhub.ops.backfill;

/** Sees a run page by page; the command prints progress, tests interrupt a run to prove it resumes. */
@FunctionalInterface
public interface BackfillObserver {

    BackfillObserver NONE = (runId, page) -> { };

    /**
     * Called after the records of a page were applied and before the page is checkpointed: the latest moment at
     * which a crash makes the resumed run read the page again.
     */
    void pageApplied(long runId, int page);
}
