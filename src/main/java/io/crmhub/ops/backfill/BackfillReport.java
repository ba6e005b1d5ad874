package io.crmhub.ops.backfill;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outcome of a backfill command: what the run did and, once it completed, the reconciliation.
 *
 * @param runId          backfill_run id
 * @param label          source/entity [range]
 * @param status         COMPLETED, or PAUSED when it stopped after {@code max-pages} (resumable)
 * @param applied        records applied (new or newer than the store's)
 * @param stale          records the store already held newer (e.g. changed live meanwhile): left as they were
 * @param duplicate      records applied before (re-read after a resume)
 * @param deadLettered   records the mapping or the store refused (in dead_letter, replayable)
 * @param rejected       source lines the source itself refused into its rejects file (a file's bad rows)
 * @param seconds        duration of this attempt
 * @param rate           records per second in this attempt
 * @param reconciliation source against store, null while PAUSED
 */
public record BackfillReport(long runId, String label, String status, long applied, long stale, long duplicate,
                             long deadLettered, long rejected, double seconds, double rate, Reconciliation reconciliation) {

    /** 0 completed and consistent, 2 completed with mismatches or rejected lines, 3 paused (run again to resume). */
    public int exitCode() {
        if (reconciliation == null) {
            return 3;
        }
        return reconciliation.consistent() && rejected == 0 ? 0 : 2;
    }

    public String text() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "backfill %s run %d %s in %.1f s (%.0f records/s): applied %d, stale %d (store newer), duplicate %d,"
                        + " dead-lettered %d%s", label, runId, status, seconds, rate, applied, stale, duplicate,
                deadLettered, rejected == 0 ? "" : ", rejected " + rejected + " (rejects file)"));
        Reconciliation r = reconciliation;
        if (r != null) {
            b.append(String.format(Locale.ROOT, "%nreconciliation: source %d, store %d, matched %d, missing in store"
                    + " %d, deleted in store %d, only in store %d -> %s", r.sourceCount(), r.storeCount(), r.matched(),
                    r.missingTotal(), r.deletedTotal(), r.extraTotal(), r.consistent() ? "CONSISTENT" : "MISMATCHES"));
            if (r.goldenCount() >= 0) {
                b.append(String.format(Locale.ROOT, "%ngolden customers: %d for the %d customers of the range"
                        + " (%d active in the store)", r.goldenCount(), r.matched(), r.goldenTotal()));
            }
            r.missing().forEach(m -> b.append("\n  missing in store: ").append(m.key()).append(" (")
                    .append(m.reason()).append(')'));
            b.append(r.deleted().stream().map(k -> "\n  deleted in store: " + k).collect(Collectors.joining()));
            b.append(r.extra().stream().map(k -> "\n  only in store: " + k).collect(Collectors.joining()));
        }
        return b.toString();
    }
}
