package io.crmhub.it;

import io.crmhub.connector.erp.ErpConnectorProperties;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The ERP database as the ERP application writes it: plain SQL, committed. */
public final class ErpDatabase implements AutoCloseable {

    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final String slotName;

    public ErpDatabase(ErpConnectorProperties erp) {
        String url = "jdbc:postgresql://" + erp.host() + ":" + erp.port() + "/" + erp.database();
        this.dataSource = new SingleConnectionDataSource(url, erp.user(), erp.password(), true);
        this.jdbc = new JdbcTemplate(dataSource);
        this.slotName = erp.slotName();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public long insert(String table, Map<String, Object> row) {
        List<String> cols = List.copyOf(row.keySet());
        String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + cols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") RETURNING id";
        return jdbc.queryForObject(sql, Long.class, cols.stream().map(row::get).toArray());
    }

    public int update(String sql, Object... args) {
        return jdbc.update(sql, args);
    }

    /** True once Debezium streams from the slot, i.e. after its snapshot: later commits arrive as changes. */
    public boolean isStreaming() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT coalesce(bool_or(active), false) FROM pg_replication_slots WHERE slot_name = ?",
                Boolean.class, slotName));
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
