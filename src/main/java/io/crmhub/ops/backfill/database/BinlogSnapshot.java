package io.crmhub.ops.backfill.database;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.database.BinlogPositions;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.SourceSnapshot;
import io.crmhub.ops.backfill.erp.JdbcValues;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One MySQL/MariaDB table read in keyset pages inside one consistent snapshot ({@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT}). Its records carry the binlog position of that snapshot as sequence: MariaDB reports it
 * exactly ({@code binlog_snapshot_file}/{@code binlog_snapshot_position}); on MySQL it is read under a brief global read
 * lock. Every change the snapshot sees was written below it, every change it misses above it: CDC's later changes win
 * in the store whatever the order of arrival, as for the PostgreSQL ERP's backfill.
 */
final class BinlogSnapshot implements SourceSnapshot {

    private final Connection connection;
    private final String system;
    private final String entity;
    private final String table;
    private final String keyColumn;
    private final boolean numericKey;
    private final String from;
    private final String to;
    private final long sequence;
    private final String position;
    private final Instant takenAt;

    private BinlogSnapshot(Connection connection, String system, String entity, String table, String[] key,
            String from, String to, long sequence, String position, Instant takenAt) {
        this.connection = connection;
        this.system = system;
        this.entity = entity;
        this.table = table;
        this.keyColumn = key[0];
        this.numericKey = key[1].matches("(?i)bigint|int|integer|mediumint|smallint|tinyint|decimal|numeric");
        this.from = from;
        this.to = to;
        this.sequence = sequence;
        this.position = position;
        this.takenAt = takenAt;
    }

    static BinlogSnapshot open(Connection c, boolean mariadb, String system, String database, String entity,
            String from, String to, OptionalLong runSequence) throws SQLException {
        String[] key = primaryKey(c, system, database, entity);
        String[] binlog = mariadb ? mariaDbSnapshot(c) : mySqlSnapshot(c);
        long sequence = BinlogPositions.sequence(binlog[0], Long.parseLong(binlog[1]), 0);
        long runSeq = runSequence.orElse(sequence);
        return new BinlogSnapshot(c, system, entity, quote(database) + "." + quote(entity), key, from, to, runSeq,
                "backfill:binlog:" + binlog[0] + ":" + binlog[1], Instant.now());
    }

    private static String[] mariaDbSnapshot(Connection c) throws SQLException {
        begin(c);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SHOW STATUS WHERE Variable_name IN ('binlog_snapshot_file', 'binlog_snapshot_position')")) {
            Map<String, String> status = new LinkedHashMap<>();
            while (rs.next()) {
                status.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
            }
            if (status.get("binlog_snapshot_file") == null || status.get("binlog_snapshot_position") == null) {
                throw new BackfillException("the server reports no binlog snapshot position: is log_bin on?");
            }
            return new String[] {status.get("binlog_snapshot_file"), status.get("binlog_snapshot_position")};
        }
    }

    private static String[] mySqlSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("FLUSH TABLES WITH READ LOCK");
            try {
                String[] position;
                try (ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
                    rs.next();
                    position = new String[] {rs.getString(1), rs.getString(2)};
                }
                begin(c);
                return position;
            } finally {
                st.execute("UNLOCK TABLES");
            }
        }
    }

    private static void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement st = c.createStatement()) {
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public String position() {
        return position;
    }

    @Override
    public long count() {
        try (PreparedStatement st = statement("SELECT count(*) FROM " + table + where(false), null, null);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
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
                changes.add(new SourceChange(system, entity, ChangeOp.READ, last, position, sequence, takenAt,
                        row(rs)));
            }
            return new Page(changes, last);
        } catch (SQLException e) {
            throw failure("page", e);
        }
    }

    /** As the binlog connector reads them: DATETIME is UTC wall time, not the JVM's zone. */
    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = "DATETIME".equalsIgnoreCase(meta.getColumnTypeName(i))
                    ? rs.getObject(i, LocalDateTime.class) : rs.getObject(i);
            row.put(meta.getColumnLabel(i), value instanceof LocalDateTime t
                    ? t.toInstant(ZoneOffset.UTC).toString() : JdbcValues.plain(value));
        }
        return row;
    }

    @Override
    public boolean inRange(String key) {
        if (from == null && to == null) {
            return true;
        }
        if (numericKey && !key.matches("-?\\d+(\\.\\d+)?")) {
            return false;
        }
        return (from == null || compare(key, from) >= 0) && (to == null || compare(key, to) <= 0);
    }

    private int compare(String a, String b) {
        return numericKey ? new BigDecimal(a).compareTo(new BigDecimal(b)) : a.compareTo(b);
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // read-only transaction: nothing to undo
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to read
        }
    }

    private String where(boolean afterCursor) {
        return io.crmhub.ops.backfill.KeyRange.where(quote(keyColumn), numericKey ? "CAST(? AS DECIMAL(65,0))" : "?",
                afterCursor, from, to);
    }

    private PreparedStatement statement(String sql, String cursor, Integer limit) throws SQLException {
        return io.crmhub.ops.backfill.KeyRange.bind(connection, sql, cursor, from, to, limit);
    }

    private static String[] primaryKey(Connection c, String system, String database, String entity)
            throws SQLException {
        String sql = "SELECT k.COLUMN_NAME, col.DATA_TYPE FROM information_schema.KEY_COLUMN_USAGE k"
                + " JOIN information_schema.COLUMNS col ON col.TABLE_SCHEMA = k.TABLE_SCHEMA"
                + " AND col.TABLE_NAME = k.TABLE_NAME AND col.COLUMN_NAME = k.COLUMN_NAME"
                + " WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.CONSTRAINT_NAME = 'PRIMARY'";
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, database);
            st.setString(2, entity);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (columns.size() != 1) {
            throw new BackfillException(system + " " + entity + ": a backfill needs a single-column primary key, "
                    + "found " + columns.size() + " key columns");
        }
        return columns.get(0);
    }

    private BackfillException failure(String what, SQLException e) {
        return new BackfillException(system + " " + entity + ": " + what + " failed (SQL state " + e.getSQLState()
                + ")", e);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
