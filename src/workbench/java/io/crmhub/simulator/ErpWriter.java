package io.crmhub.simulator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Plain JDBC writes into the demo ERP, the way the ERP application itself would make them. */
final class ErpWriter {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    ErpWriter(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    DataSource dataSource() {
        return dataSource;
    }

    long insert(String table, Map<String, Object> row) {
        List<String> cols = List.copyOf(row.keySet());
        String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + cols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") RETURNING id";
        return jdbc.queryForObject(sql, Long.class, cols.stream().map(row::get).toArray());
    }

    /** Ids from the table's own sequence, taken up front so related rows can be written in batches. */
    List<Long> ids(String table, int count) {
        return jdbc.queryForList("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
                Long.class, table, count);
    }

    /** Rows that all have the columns of the first, in one JDBC batch. */
    void insertAll(String table, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> cols = List.copyOf(rows.get(0).keySet());
        String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + cols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        jdbc.batchUpdate(sql, rows.stream().map(row -> cols.stream().map(row::get).toArray()).toList());
    }

    /** A recent won order without any receipt yet (id, customer_id, currency, total_amount), or null. */
    Map<String, Object> recentUnpaidOrder() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT id, customer_id, currency, total_amount FROM sales_orders o
                WHERE status IN ('OPEN', 'SHIPPED', 'CLOSED') AND total_amount > 0
                  AND NOT EXISTS (SELECT 1 FROM payment_receipts p WHERE p.order_id = o.id)
                ORDER BY id DESC LIMIT 1 OFFSET floor(random() * 10)""");
        return rows.isEmpty() ? null : rows.get(0);
    }

    void update(String sql, Object... args) {
        jdbc.update(sql, args);
    }

    long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    /** Next business number for a table, from its id sequence (numbers never repeat, even after deletes). */
    long nextNumber(String table) {
        return jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1 FROM " + table, Long.class);
    }

    /** A random existing id; cheap on large tables (no full sort), good enough for a demo. */
    Long randomId(String table) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM " + table + " WHERE id >= (SELECT floor(random() * "
                + "coalesce(max(id), 0)) FROM " + table + ") ORDER BY id LIMIT 1", Long.class);
        return ids.isEmpty() ? null : ids.get(0);
    }

    void inTransaction(Runnable work) {
        tx.executeWithoutResult(status -> work.run());
    }
}
