package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** ERP inserts, updates and deletes travel by CDC and Kafka into the CRM store; bad rows are dead-lettered. */
@HubIntegrationTest
class ErpCdcIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    JdbcTemplate crm;

    ErpDatabase erp;

    @BeforeEach
    void connect() {
        erp = new ErpDatabase(erpProps);
        await().atMost(TIMEOUT).until(erp::isStreaming);
    }

    @AfterEach
    void disconnect() {
        erp.close();
    }

    @Test
    void customerInsertUpdateAndDeleteAreReflectedInTheStore() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long id = erp.insert("customers", customer("Ｃ-" + suffix, "上海　东方  电子有限公司", "138 0013 8000",
                "  Info@DongFang.COM "));
        String key = String.valueOf(id);

        Map<String, Object> created = awaitCustomer(key, "CREATE");
        assertThat(created.get("number")).isEqualTo("C-" + suffix);
        assertThat(created.get("name")).isEqualTo("上海 东方 电子有限公司");
        JsonNode payload = json(created.get("payload"));
        assertThat(payload.at("/emails/0").asText()).isEqualTo("info@dongfang.com");
        assertThat(payload.at("/phones").findValuesAsText("e164")).contains("+8613800138000", "+862158881234");
        assertThat(created.get("lifecycle_status")).isEqualTo("PROSPECT");
        assertThat(created.get("source_position").toString()).startsWith("lsn:");

        erp.update("UPDATE customers SET email = ?, status = 'ACTIVE' WHERE id = ?", "Sales@DongFang.com", id);
        Map<String, Object> updated = awaitCustomer(key, "UPDATE");
        assertThat(json(updated.get("payload")).at("/emails/0").asText()).isEqualTo("sales@dongfang.com");
        assertThat(updated.get("lifecycle_status")).isEqualTo("CUSTOMER");
        assertThat((Long) updated.get("source_sequence")).isGreaterThan((Long) created.get("source_sequence"));

        erp.update("DELETE FROM customers WHERE id = ?", id);
        Map<String, Object> deleted = awaitCustomer(key, "DELETE");
        assertThat(deleted.get("deleted_at")).isNotNull();
        assertThat(deleted.get("deleted_position").toString()).startsWith("lsn:");
        // soft delete: the last known customer stays readable
        assertThat(deleted.get("name")).isEqualTo("上海 东方 电子有限公司");
        assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_entity = 'customers' "
                + "AND source_key = ?", Long.class, key)).isEqualTo(3);
    }

    @Test
    void orderWithLinesAndHandTypedPaymentArriveAsCanonicalRecords() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long customerId = erp.insert("customers", customer("C-" + suffix, "Acme Trading Co., Ltd.", "+86-10-65529988",
                "buyer@acme.example"));
        long orderId = erp.insert("sales_orders", Map.of("order_no", "SO-" + suffix, "customer_id", customerId,
                "order_date", LocalDate.of(2024, 6, 4), "status", "CLOSED", "currency", "CNY",
                "total_amount", new java.math.BigDecimal("1234.50")));
        long lineId = erp.insert("sales_order_lines", Map.of("order_id", orderId, "line_no", 1, "sku", "SKU-1",
                "description", "Bearing", "quantity", new java.math.BigDecimal("3"),
                "unit_price", new java.math.BigDecimal("411.50"), "amount", new java.math.BigDecimal("1234.50")));
        long paymentId = erp.insert("payment_receipts", Map.of("receipt_no", "RC-" + suffix, "customer_id",
                customerId, "order_id", orderId, "amount", "1,234.50", "currency", "RMB",
                "paid_at", "2024-06-04 13:00", "method", "ALIPAY"));

        Map<String, Object> order = awaitRow("SELECT * FROM order_record WHERE source_key = ?", orderId);
        assertThat(order.get("order_number")).isEqualTo("SO-" + suffix);
        assertThat(order.get("customer_key")).isEqualTo(String.valueOf(customerId));
        assertThat(order.get("status")).isEqualTo("COMPLETED");
        assertThat(order.get("order_date").toString()).isEqualTo("2024-06-04");
        assertThat((java.math.BigDecimal) order.get("total_amount")).isEqualByComparingTo("1234.50");

        Map<String, Object> line = awaitRow("SELECT * FROM order_line_record WHERE source_key = ?", lineId);
        assertThat(line.get("order_key")).isEqualTo(String.valueOf(orderId));
        assertThat((java.math.BigDecimal) line.get("quantity")).isEqualByComparingTo("3.000");

        Map<String, Object> payment = awaitRow("SELECT *, paid_at AT TIME ZONE 'UTC' AS paid_utc "
                + "FROM payment_record WHERE source_key = ?", paymentId);
        assertThat((java.math.BigDecimal) payment.get("amount")).isEqualByComparingTo("1234.50");
        assertThat(payment.get("currency")).isEqualTo("CNY");
        assertThat(payment.get("paid_utc").toString()).startsWith("2024-06-04 05:00");
        assertThat(payment.get("method")).isEqualTo("ALIPAY");
        assertThat(payment.get("order_key")).isEqualTo(String.valueOf(orderId));
    }

    @Test
    void unmappableRowGoesToTheDeadLetterWithReasonAndPositionAndLaterRowsStillArrive() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long customerId = erp.insert("customers", customer("C-" + suffix, "李娜", null, null));
        long bad = erp.insert("payment_receipts", Map.of("receipt_no", "RC-BAD-" + suffix, "customer_id", customerId,
                "amount", "12,3a", "currency", "CNY", "paid_at", "2024/6/4", "method", "BANK"));
        long good = erp.insert("payment_receipts", Map.of("receipt_no", "RC-OK-" + suffix, "customer_id", customerId,
                "amount", "88.00", "currency", "CNY", "paid_at", "20240604", "method", "CASH"));

        Map<String, Object> arrived = awaitRow("SELECT * FROM payment_record WHERE source_key = ?", good);
        assertThat((java.math.BigDecimal) arrived.get("amount")).isEqualByComparingTo("88.00");

        Map<String, Object> dl = awaitRow("SELECT * FROM dead_letter WHERE source_entity = 'payment_receipts' "
                + "AND source_key = ?", String.valueOf(bad));
        assertThat(dl.get("field")).isEqualTo("payment_receipts.amount");
        assertThat(dl.get("reason").toString()).contains("'12,3a' is not a decimal amount");
        assertThat(dl.get("source_system")).isEqualTo("erp");
        assertThat(dl.get("source_position").toString()).matches("lsn:\\d+,tx:\\d+");
        assertThat(dl.get("raw_record").toString()).contains("RC-BAD-" + suffix).contains("12,3a");
        assertThat(dl.get("route_id")).isEqualTo("canonical-publish");
        assertThat(crm.queryForObject("SELECT count(*) FROM payment_record WHERE source_key = ?", Long.class,
                String.valueOf(bad))).isZero();

        JsonNode onTopic = awaitDeadLetterOnTopic("erp:payment_receipts:" + bad);
        assertThat(onTopic.get("reason").asText()).contains("is not a decimal amount");
        assertThat(onTopic.get("sourcePosition").asText()).isEqualTo(dl.get("source_position"));
    }

    @Test
    void seededRowsArriveFromTheInitialSnapshotAsReads() {
        long erpCustomers = erp.jdbc().queryForObject("SELECT count(*) FROM customers WHERE id <= 5", Long.class);
        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM customer_record "
                + "WHERE source_system = 'erp' AND source_key IN ('1','2','3','4','5')", Long.class) == erpCustomers);
        assertThat(crm.queryForList("SELECT DISTINCT op FROM change_log WHERE source_system = 'erp' "
                + "AND source_entity = 'customers' AND source_key = '1'", String.class)).contains("READ");
    }

    private Map<String, Object> customer(String number, String name, String mobile, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_no", number);
        row.put("kind", name.matches(".*[a-zA-Z司].*") ? "C" : "P");
        row.put("name", name);
        row.put("phone", "021-5888 1234");
        row.put("mobile", mobile);
        row.put("email", email);
        row.put("status", "PROSPECT");
        return row;
    }

    private Map<String, Object> awaitCustomer(String key, String op) {
        return awaitRow("SELECT * FROM customer_record WHERE source_system = 'erp' AND source_key = ? "
                + "AND last_op = '" + op + "'", key);
    }

    private Map<String, Object> awaitRow(String sql, Object arg) {
        Object param = arg instanceof Long l ? String.valueOf(l) : arg;
        return await().atMost(TIMEOUT).until(() -> crm.queryForList(sql, param), rows -> rows.size() == 1).get(0);
    }

    private JsonNode awaitDeadLetterOnTopic(String key) {
        return json(TopicReader.awaitKeys(kafka.brokers(), kafka.topics().deadLetter(), List.of(key), TIMEOUT)
                .get(key));
    }

    private static JsonNode json(Object pgJson) {
        try {
            return CanonicalJson.mapper().readTree(pgJson.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
