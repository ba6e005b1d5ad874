package io.crmhub.ops.backfill;

import java.util.List;

/**
 * Source against store after a run, by key: how many records the source holds in the range, how many the store
 * holds, and which keys differ (lists capped at {@code hub.backfill.report-limit}; the totals are exact).
 *
 * @param sourceCount    records in the source range now
 * @param storeCount     live (not deleted) store records of the range
 * @param matched        keys in both, live in the store
 * @param missing        in the source, not in the store, with the last dead-letter reason of the key if any
 * @param missingTotal   how many are missing
 * @param deleted        in the source, but deleted in the store (a delete the source no longer shows)
 * @param deletedTotal   how many are deleted in the store
 * @param extra          live in the store, gone from the source (a delete the hub did not see)
 * @param extraTotal     how many are extra
 * @param goldenCount    customers: golden customers the live store records of the range belong to (identity
 *                       resolution's result for them: fewer than the records when duplicates were merged); -1 for
 *                       other entities
 * @param goldenTotal    customers: active golden customers in the whole store; -1 for other entities
 */
public record Reconciliation(long sourceCount, long storeCount, long matched, List<Mismatch> missing,
                             long missingTotal, List<String> deleted, long deletedTotal, List<String> extra,
                             long extraTotal, long goldenCount, long goldenTotal) {

    /** One key that differs, and why if known. */
    public record Mismatch(String key, String reason) {}

    public boolean consistent() {
        return missingTotal == 0 && deletedTotal == 0 && extraTotal == 0;
    }
}
