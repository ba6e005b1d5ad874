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
