package io.crmhub.ops.backfill;

/**
 * A backfill run as stored in {@code backfill_run}: what it reads, the sequence and position its records carry,
 * and where it resumes ({@code fingerprint}: the content read, for sources that have one, such as a file).
 */
public record BackfillRun(long id, String system, String entity, String from, String to, long sequence,
                          String position, String cursor, int pages, int attempts, BackfillCounts counts,
                          String fingerprint) {

    public BackfillRun at(String newCursor, int newPages) {
        return new BackfillRun(id, system, entity, from, to, sequence, position, newCursor, newPages, attempts, counts,
                fingerprint);
    }
}
