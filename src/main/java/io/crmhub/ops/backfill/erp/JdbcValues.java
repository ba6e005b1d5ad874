package io.crmhub.ops.backfill.erp;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JDBC row as the plain values the CDC path produces from Debezium (see {@code DebeziumChangeConverter}): numbers
 * as numbers, decimals as text, dates and timestamps as ISO-8601 text, bytes as Base64; so one mapping fits both.
 */
public final class JdbcValues {

    private JdbcValues() {}

    static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            // timestamp without time zone is read as UTC wall time, as Debezium does (not in the JVM's zone)
            Object value = "timestamp".equals(meta.getColumnTypeName(i))
                    ? rs.getObject(i, java.time.LocalDateTime.class) : rs.getObject(i);
            row.put(meta.getColumnName(i), plain(value));
        }
        return row;
    }

    public static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Boolean || value instanceof Double || value instanceof Float) {
            return value;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Short s) {
            return s.intValue();
        }
        if (value instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC).toString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }
}
