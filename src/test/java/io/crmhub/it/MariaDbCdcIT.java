package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import io.crmhub.ops.backfill.BackfillObserver;
import io.crmhub.ops.backfill.BackfillReport;
import io.crmhub.ops.backfill.BackfillRequest;
import io.crmhub.ops.backfill.BackfillService;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A second ERP on a real MariaDB server (source system {@code legacy}, hub.connectors.databases[0]): snapshot, then
 * binlog changes of customers, orders and payments into the CRM store through the same publish, mapping and store path
 * as the PostgreSQL ERP; a column added mid-stream; a restart that resumes from the binlog position and schema history
 * kept in the CRM store; an unmappable row dead-lettered with its binlog position.
 */
@HubIntegrationTest
class MariaDbCdcIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DATABASE = "legacy_erp";
    private static final String ROUTE = "legacy-db-cdc-capture";
    private static final String ORDERS_DATABASE = "order_system";
    /** One server for the class; its JVM shutdown hook stops it after Spring has closed the hub. */
    private static final MariaDbServer MARIADB = MariaDbServer.start();
    private static final JdbcTemplate LEGACY = seed();

    @Autowired
    JdbcTemplate crm;
    @Autowired
    CamelContext camel;
    @Autowired
    BackfillService backfill;

    @DynamicPropertySource
    static void legacySource(DynamicPropertyRegistry registry) {
        String p = "hub.connectors.databases[0].";
        registry.add(p + "name", () -> "legacy");
        registry.add(p + "kind", () -> "mariadb");
        registry.add(p + "host", MARIADB::host);
        registry.add(p + "port", MARIADB::port);
        registry.add(p + "database", () -> DATABASE);
        registry.add(p + "user", () -> MariaDbServer.USER);
        registry.add(p + "password", () -> MariaDbServer.PASSWORD);
        registry.add(p + "tables", () -> "customers,sales_orders,sales_order_lines,payment_receipts");
        registry.add(p + "poll-interval-ms", () -> "50");
        // a second source on the list: another database (an order system), its own name, mappings and offsets
        String q = "hub.connectors.databases[1].";
        registry.add(q + "name", () -> "orders");
        registry.add(q + "host", MARIADB::host);
        registry.add(q + "port", MARIADB::port);
        registry.add(q + "database", () -> ORDERS_DATABASE);
        registry.add(q + "user", () -> MariaDbServer.USER);
        registry.add(q + "password", () -> MariaDbServer.PASSWORD);
        registry.add(q + "tables", () -> "customers");
        registry.add(q + "server-id", () -> "5401");
        registry.add(q + "poll-interval-ms", () -> "50");
    }

    /** Schema and two customers committed before the hub starts: they must arrive from the snapshot. */
    private static JdbcTemplate seed() {
        MARIADB.createDatabase(DATABASE);
        JdbcTemplate jdbc = new JdbcTemplate(MARIADB.rootDataSource(DATABASE));
        try {
            String ddl = new ClassPathResource("mariadb/erp-schema.sql").getContentAsString(StandardCharsets.UTF_8);
            for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    jdbc.execute(statement);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        MARIADB.createDatabase(ORDERS_DATABASE);
        MARIADB.root().execute("CREATE TABLE `" + ORDERS_DATABASE + "`.customers LIKE `" + DATABASE + "`.customers");
        insert(jdbc, "customers", customer("L-SEED-1", "Seed One Ltd", "seed1@example.com"));
        insert(jdbc, "customers", customer("L-SEED-2", "Seed Two Ltd", "seed2@example.com"));
        return jdbc;
    }

    @Test
    void seededRowsArriveFromTheSnapshotAsReadsAndAreNotReadAgainAfterARestart() throws Exception {
        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM customer_record WHERE source_system = "
                + "'legacy' AND source_key IN ('1','2')") == 2);
        assertThat(crm.queryForList("SELECT op FROM change_log WHERE source_system = 'legacy' AND source_entity = "
                + "'customers' AND source_key = '1'", String.class)).containsExactly("READ");
        Map<String, Object> seed = crm.queryForMap("SELECT * FROM customer_record WHERE source_system = 'legacy' "
                + "AND source_key = '1'");
        assertThat(seed.get("number")).isEqualTo("L-SEED-1");

        // the hub stops capturing (an operator, a hand-over); rows written meanwhile arrive after the restart,
        // which resumes from the binlog position in the CRM store instead of taking a new snapshot
        // stopRoute returns once the engine has closed (the graceful consumer drains, then closes it)
        camel.getRouteController().stopRoute(ROUTE);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE).isStopped()).isTrue();
        String suffix = suffix();
        long whileStopped = insert(LEGACY, "customers", customer("L-STOP-" + suffix, "Written While Stopped",
                "stopped@example.com"));
        camel.getRouteController().startRoute(ROUTE);
        Map<String, Object> arrived = awaitRow("SELECT * FROM customer_record WHERE source_system = 'legacy' "
                + "AND source_key = ?", String.valueOf(whileStopped));
        assertThat(arrived.get("last_op")).isEqualTo("CREATE");
        assertThat(crm.queryForList("SELECT op FROM change_log WHERE source_system = 'legacy' AND source_entity = "
                + "'customers' AND source_key IN ('1','2')", String.class)).containsExactly("READ", "READ");
        assertThat(count("SELECT count(*) FROM hub_cdc_offsets_legacy")).isPositive();
    }

    @Test
    void twoDatabaseSourcesCaptureSideBySideEachAsItsOwnSystem() {
        String suffix = suffix();
        long legacy = insert(LEGACY, "customers", customer("L-TWO-" + suffix, "Legacy Side", null));
        org.springframework.jdbc.datasource.SingleConnectionDataSource ds = MARIADB.rootDataSource(ORDERS_DATABASE);
        long orders;
        try {
            orders = insert(new JdbcTemplate(ds), "customers", customer("O-TWO-" + suffix, "Order System Side", null));
        } finally {
            ds.destroy();
        }
        Map<String, Object> fromOrders = awaitRow("SELECT * FROM customer_record WHERE source_system = 'orders' "
                + "AND source_key = ?", String.valueOf(orders));
        assertThat(fromOrders.get("number")).isEqualTo("O-TWO-" + suffix);
        assertThat(awaitRow("SELECT * FROM customer_record WHERE source_system = 'legacy' AND source_key = ?",
                String.valueOf(legacy)).get("number")).isEqualTo("L-TWO-" + suffix);
        // each source keeps its own position and schema history, and runs its own route (own leadership)
        assertThat(count("SELECT count(*) FROM hub_cdc_offsets_orders")).isPositive();
        assertThat(count("SELECT count(*) FROM hub_cdc_schema_history_orders")).isPositive();
        assertThat(camel.getRoute("orders-db-cdc-capture")).isNotNull();
    }

    @Test
    void aStopAndStartMidStreamLosesNoChange() throws Exception {
        String suffix = suffix();
        int total = 60;
        List<Long> ids = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        // each insert its own transaction, written while capture runs, stops and starts again
        java.util.concurrent.Future<?> writing = writer.submit(() -> {
            for (int i = 0; i < total; i++) {
                ids.add(insert(LEGACY, "customers", customer("L-MID-" + i + "-" + suffix, "Mid Stream " + i, null)));
            }
        });
        try {
            await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM customer_record WHERE source_system = "
                    + "'legacy' AND number LIKE 'L-MID-%-" + suffix + "'") >= 5);
            camel.getRouteController().stopRoute(ROUTE);
            camel.getRouteController().startRoute(ROUTE);
            writing.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }
        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM customer_record WHERE source_system = "
                + "'legacy' AND number LIKE 'L-MID-%-" + suffix + "'") == total);
        String keys = String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
        assertThat(count("SELECT count(*) FROM change_log WHERE source_system = 'legacy' AND source_entity = "
                + "'customers' AND op = 'CREATE' AND source_key IN (" + keys + ")")).isEqualTo(total);
    }

    @Test
    void customerInsertUpdateAndDeleteReachTheStoreWithTheirBinlogPositions() {
        String suffix = suffix();
        long id = insert(LEGACY, "customers", customer("Ｌ-" + suffix, "上海　东方  电子有限公司", "  Info@DongFang.COM "));
        String key = String.valueOf(id);
        Map<String, Object> created = awaitCustomer(key, "CREATE");
        assertThat(created.get("number")).isEqualTo("L-" + suffix);
        assertThat(created.get("name")).isEqualTo("上海 东方 电子有限公司");
        assertThat(created.get("source_position").toString()).matches("binlog:binlog\\.\\d+:\\d+,row:\\d+.*");

        LEGACY.update("UPDATE customers SET email = ?, status = 'ACTIVE' WHERE id = ?", "Sales@DongFang.com", id);
        Map<String, Object> updated = awaitCustomer(key, "UPDATE");
        assertThat(updated.get("lifecycle_status")).isEqualTo("CUSTOMER");
        assertThat((Long) updated.get("source_sequence")).isGreaterThan((Long) created.get("source_sequence"));

        LEGACY.update("DELETE FROM customers WHERE id = ?", id);
        Map<String, Object> deleted = awaitCustomer(key, "DELETE");
        assertThat(deleted.get("deleted_at")).isNotNull();
        assertThat(deleted.get("name")).isEqualTo("上海 东方 电子有限公司");
        assertThat(count("SELECT count(*) FROM change_log WHERE source_system = 'legacy' AND source_entity = "
                + "'customers' AND source_key = '" + key + "'")).isEqualTo(3);
    }

    @Test
    void ordersAndPaymentsArriveAndAnOrderUpdateAndDeleteFollow() {
        String suffix = suffix();
        long customerId = insert(LEGACY, "customers", customer("L-" + suffix, "Acme Trading", "buyer@acme.example"));
        long orderId = insert(LEGACY, "sales_orders", Map.of("order_no", "SO-" + suffix, "customer_id", customerId,
                "order_date", LocalDate.of(2024, 6, 4), "status", "OPEN", "currency", "CNY",
                "total_amount", new BigDecimal("1234.50")));
        long paymentId = insert(LEGACY, "payment_receipts", Map.of("receipt_no", "RC-" + suffix, "customer_id",
                customerId, "order_id", orderId, "amount", "1,234.50", "currency", "RMB",
                "paid_at", "2024-06-04 13:00", "method", "ALIPAY"));

        Map<String, Object> order = awaitRow("SELECT * FROM order_record WHERE source_system = 'legacy' "
                + "AND source_key = ?", String.valueOf(orderId));
        assertThat(order.get("order_number")).isEqualTo("SO-" + suffix);
        assertThat(order.get("customer_key")).isEqualTo(String.valueOf(customerId));
        assertThat(order.get("order_date").toString()).isEqualTo("2024-06-04");
        assertThat((BigDecimal) order.get("total_amount")).isEqualByComparingTo("1234.50");
        Map<String, Object> payment = awaitRow("SELECT *, paid_at AT TIME ZONE 'UTC' AS paid_utc FROM payment_record "
                + "WHERE source_system = 'legacy' AND source_key = ?", String.valueOf(paymentId));
        assertThat((BigDecimal) payment.get("amount")).isEqualByComparingTo("1234.50");
        assertThat(payment.get("currency")).isEqualTo("CNY");
        assertThat(payment.get("paid_utc").toString()).startsWith("2024-06-04 05:00");
        assertThat(payment.get("order_key")).isEqualTo(String.valueOf(orderId));

        LEGACY.update("UPDATE sales_orders SET status = 'CLOSED' WHERE id = ?", orderId);
        await().atMost(TIMEOUT).until(() -> "COMPLETED".equals(crm.queryForObject("SELECT status FROM order_record "
                + "WHERE source_system = 'legacy' AND source_key = ?", String.class, String.valueOf(orderId))));
        LEGACY.update("DELETE FROM payment_receipts WHERE id = ?", paymentId);
        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM payment_record WHERE source_system = "
                + "'legacy' AND source_key = '" + paymentId + "' AND deleted_at IS NOT NULL") == 1);
    }

    @Test
    void aColumnAddedMidStreamIsReadAndTheSchemaHistoryIsKeptInTheStore() {
        String suffix = suffix();
        long before = insert(LEGACY, "customers", customer("L-A-" + suffix, "Before Alter", "a@example.com"));
        awaitCustomer(String.valueOf(before), "CREATE");

        LEGACY.execute("ALTER TABLE customers ADD COLUMN loyalty_tier VARCHAR(10) NULL AFTER name");
        long after = insert(LEGACY, "customers", Map.of("customer_no", "L-B-" + suffix, "name", "After Alter",
                "loyalty_tier", "GOLD", "email", "b@example.com", "status", "PROSPECT"));
        LEGACY.update("UPDATE customers SET name = 'Before Alter Renamed' WHERE id = ?", before);

        Map<String, Object> added = awaitCustomer(String.valueOf(after), "CREATE");
        assertThat(added.get("name")).isEqualTo("After Alter");
        await().atMost(TIMEOUT).until(() -> "Before Alter Renamed".equals(crm.queryForObject("SELECT name FROM "
                + "customer_record WHERE source_system = 'legacy' AND source_key = ?", String.class,
                String.valueOf(before))));
        // the DDL sits in the CRM store's schema history, so a new engine (restart, other pod) can read the binlog
        assertThat(count("SELECT count(*) FROM hub_cdc_schema_history_legacy WHERE history_data LIKE "
                + "'%loyalty_tier%'")).isPositive();
    }

    @Test
    void anUnmappableRowIsDeadLetteredWithItsBinlogPositionAndLaterRowsStillArrive() {
        String suffix = suffix();
        long customerId = insert(LEGACY, "customers", customer("L-" + suffix, "李娜", null));
        long bad = insert(LEGACY, "payment_receipts", Map.of("receipt_no", "RC-BAD-" + suffix, "customer_id",
                customerId, "amount", "12,3a", "currency", "CNY", "paid_at", "2024/6/4", "method", "BANK"));
        long good = insert(LEGACY, "payment_receipts", Map.of("receipt_no", "RC-OK-" + suffix, "customer_id",
                customerId, "amount", "88.00", "currency", "CNY", "paid_at", "20240604", "method", "CASH"));

        awaitRow("SELECT * FROM payment_record WHERE source_system = 'legacy' AND source_key = ?",
                String.valueOf(good));
        Map<String, Object> dl = awaitRow("SELECT * FROM dead_letter WHERE source_system = 'legacy' "
                + "AND source_entity = 'payment_receipts' AND source_key = ?", String.valueOf(bad));
        assertThat(dl.get("field")).isEqualTo("payment_receipts.amount");
        assertThat(dl.get("reason").toString()).contains("'12,3a' is not a decimal amount");
        assertThat(dl.get("source_position").toString()).matches("binlog:binlog\\.\\d+:\\d+,row:\\d+.*");
        assertThat(count("SELECT count(*) FROM payment_record WHERE source_system = 'legacy' AND source_key = '"
                + bad + "'")).isZero();
    }

    @Test
    void aBackfillReadsRowsCaptureHasNotDeliveredYetAndLaterBinlogChangesStillWin() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        String suffix = suffix();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(insert(LEGACY, "customers", customer("L-BF-" + i + "-" + suffix, "Backfilled " + i, null)));
        }
        BackfillReport report;
        try {
            report = backfill.run(new BackfillRequest("legacy", "customers", String.valueOf(ids.get(0)),
                    String.valueOf(ids.get(2)), 0, 2, 0, true), BackfillObserver.NONE);
        } finally {
            camel.getRouteController().startRoute(ROUTE);
        }
        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.applied()).isEqualTo(3);
        assertThat(report.reconciliation().consistent()).isTrue();
        assertThat(report.reconciliation().sourceCount()).isEqualTo(3);
        assertThat(report.reconciliation().matched()).isEqualTo(3);
        assertThat(report.exitCode()).isZero();

        // capture resumes: the three inserts arrive after the snapshot that already holds them (older: stale), the
        // update written after the snapshot is newer and wins
        LEGACY.update("UPDATE customers SET name = 'Backfilled then renamed' WHERE id = ?", ids.get(1));
        await().atMost(TIMEOUT).until(() -> "Backfilled then renamed".equals(crm.queryForObject("SELECT name FROM "
                + "customer_record WHERE source_system = 'legacy' AND source_key = ?", String.class,
                String.valueOf(ids.get(1)))));
        Map<String, Object> untouched = crm.queryForMap("SELECT * FROM customer_record WHERE source_system = "
                + "'legacy' AND source_key = ?", String.valueOf(ids.get(0)));
        assertThat(untouched.get("last_op")).isEqualTo("READ");
        assertThat(untouched.get("source_position").toString()).startsWith("backfill:binlog:binlog.");
        assertThat(untouched.get("name")).isEqualTo("Backfilled 0");
    }

    private Map<String, Object> awaitCustomer(String key, String op) {
        return awaitRow("SELECT * FROM customer_record WHERE source_system = 'legacy' AND source_key = ? "
                + "AND last_op = '" + op + "'", key);
    }

    private Map<String, Object> awaitRow(String sql, Object arg) {
        await().atMost(TIMEOUT).until(() -> !crm.queryForList(sql, arg).isEmpty());
        return crm.queryForList(sql, arg).get(0);
    }

    private long count(String sql) {
        return crm.queryForObject(sql, Long.class);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> customer(String number, String name, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_no", number);
        row.put("kind", "C");
        row.put("name", name);
        row.put("email", email);
        row.put("phone", "+86-10-65529988");
        row.put("country", "CN");
        row.put("city", "上海");
        row.put("status", "PROSPECT");
        return row;
    }

    private static long insert(JdbcTemplate jdbc, String table, Map<String, Object> row) {
        List<String> cols = List.copyOf(row.keySet());
        String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + cols.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
            for (int i = 0; i < cols.size(); i++) {
                ps.setObject(i + 1, row.get(cols.get(i)));
            }
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }
}
