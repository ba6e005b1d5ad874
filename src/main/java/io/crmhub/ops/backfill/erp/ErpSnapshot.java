package io.crmhub.ops.backfill.erp;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One ERP table read in keyset pages inside one REPEATABLE READ transaction, so every page sees the same instant.
 *
 * <p>Sequence: live ERP changes carry their WAL position (LSN). Snapshot records carry {@code B}, the LSN read just
 * before the snapshot, taken only when every write transaction still open at the snapshot got its id after
 * {@code B} was read ({@link QuietSnapshot}). Then every change below {@code B} is visible in the snapshot, and
 * every change the snapshot misses has an LSN at or above {@code B}: it reaches the store through CDC and wins
 * (or already won) over the snapshot's older value, whatever the order of arrival. A resumed run reads a newer
 * snapshot but keeps the run's first {@code B}, which is still below its own, so re-read records get the same
 * event ids (duplicates, not new changes).
 */
final class ErpSnapshot implements SourceSnapshot {

    private final Connection connection;
    private final String entity;
    private final String table;
    private final String keyColumn;
    private final String keyType;
    private final String from;
    private final String to;
    private final long sequence;
    private final Instant takenAt;

    private ErpSnapshot(Connection connection, String entity, String table, String[] key, String from, String to,
                        long sequence, Instant takenAt) {
        this.connection = connection;
        this.entity = entity;
        this.table = table;
        this.keyColumn = key[0];
        this.keyType = key[1];
        this.from = from;
        this.to = to;
        this.sequence = sequence;
        this.takenAt = takenAt;
    }

    static ErpSnapshot open(Connection c, String schema, String entity, String from, String to,
                            OptionalLong runSequence, long quietWaitMs) throws SQLException {
        String table = quote(schema) + "." + quote(entity);
        String[] key = primaryKey(c, entity, table);
        QuietSnapshot snapshot = QuietSnapshot.begin(c, quietWaitMs);
        return new ErpSnapshot(c, entity, table, key, from, to, runSequence.orElse(snapshot.lsn()),
                snapshot.takenAt());
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public String position() {
        return "backfill:lsn:" + sequence;
    }

    @Override
    public long count() {
        try (PreparedStatement st = statement("SELECT count(*) FROM " + table + where(false), null, null)) {
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("count", e);
        }
    }

    @Override
    public Page next(String cursor, int limit) {
        String sql = "SELECT * FROM " + table + where(cursor != null) + " ORDER BY " + quote(keyColumn) + " LIMIT ?";
        try (PreparedStatement st = statement(sql, cursor, limit); ResultSet rs = st.executeQuery()) {
            List<SourceChange> changes = new ArrayList<>();
            String last = cursor;
            while (rs.next()) {
                last = String.valueOf(JdbcValues.plain(rs.getObject(keyColumn)));
                changes.add(new SourceChange("erp", entity, ChangeOp.READ, last, position(), sequence, takenAt,
                        JdbcValues.row(rs)));
            }
            return new Page(changes, last);
        } catch (SQLException e) {
            throw failure("page", e);
        }
    }

    @Override
    public boolean inRange(String key) {
        if (from == null && to == null) {
            return true;
        }
        boolean numeric = keyType.matches("bigint|integer|smallint|numeric.*");
        if (numeric && !key.matches("-?\\d+(\\.\\d+)?")) {
            return false; // not a key of this table (e.g. a store record written by another path)
        }
        return (from == null || compare(key, from, numeric) >= 0) && (to == null || compare(key, to, numeric) <= 0);
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // read-only transaction: nothing to undo; the connection is closed next
        }
        ErpBackfillSource.closeQuietly(connection);
    }

    private String where(boolean afterCursor) {
        return io.crmhub.ops.backfill.KeyRange.where(quote(keyColumn), "CAST(? AS " + keyType + ")", afterCursor,
                from, to);
    }

    private PreparedStatement statement(String sql, String cursor, Integer limit) throws SQLException {
        return io.crmhub.ops.backfill.KeyRange.bind(connection, sql, cursor, from, to, limit);
    }

    private static int compare(String a, String b, boolean numeric) {
        return numeric ? new BigDecimal(a).compareTo(new BigDecimal(b)) : a.compareTo(b);
    }

    private static String[] primaryKey(Connection c, String entity, String table) throws SQLException {
        String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary";
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (columns.size() != 1) {
            throw new BackfillException("erp " + entity + ": a backfill needs a single-column primary key, found "
                    + columns.size() + " key columns");
        }
        return columns.get(0);
    }

    private BackfillException failure(String what, SQLException e) {
        return new BackfillException("erp " + entity + ": " + what + " failed (SQL state " + e.getSQLState() + ")", e);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
