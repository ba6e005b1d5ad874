package io.crmhub.ops.backfill.erp;

import io.crmhub.ops.backfill.BackfillException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * A REPEATABLE READ snapshot together with a WAL position {@code lsn} below every change it cannot see.
 *
 * <p>Read {@code lsn}, then the next transaction id {@code n}, then begin the snapshot. A transaction with an id of at
 * least {@code n} wrote nothing before {@code lsn}. If the oldest transaction still running at the snapshot
 * ({@code xmin}) has such an id, every change below {@code lsn} belongs to a transaction that had ended by the
 * snapshot, so the snapshot sees it (or it was rolled back). Otherwise a longer write transaction is still open:
 * roll back and try again, with back-off, for at most the quiet wait.
 */
record QuietSnapshot(long lsn, Instant takenAt) {

    static QuietSnapshot begin(Connection c, long quietWaitMs) throws SQLException {
        long deadline = System.nanoTime() + quietWaitMs * 1_000_000L;
        long pauseMs = 20;
        while (true) {
            c.setAutoCommit(true);
            long lsn = single(c, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint");
            long next = single(c, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, now()")) {
                rs.next();
                if (rs.getLong(1) >= next) {
                    return new QuietSnapshot(lsn, rs.getTimestamp(2).toInstant());
                }
            }
            c.rollback();
            c.setReadOnly(false);
            if (System.nanoTime() > deadline) {
                throw new BackfillException("erp: no consistent snapshot within " + quietWaitMs + " ms: a write"
                        + " transaction older than the snapshot stays open (raise hub.backfill.quiet-wait-ms)");
            }
            pause(pauseMs);
            pauseMs = Math.min(pauseMs * 2, 1000);
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillException("erp: interrupted while waiting for a consistent snapshot", e);
        }
    }
}
