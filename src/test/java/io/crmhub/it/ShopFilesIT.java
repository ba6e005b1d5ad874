package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real files in a temporary shop inbox against the whole hub. Every case ends with the exact set of valid
 * records in the store and every bad line in the rejects file with its line number and reason. Each case
 * uses its own fixture (and order numbers), because identical content is, by design, ingested only once.
 */
@HubIntegrationTest
class ShopFilesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ShopInbox INBOX = new ShopInbox();

    @DynamicPropertySource
    static void inbox(DynamicPropertyRegistry registry) {
        registry.add("hub.connectors.shop.enabled", () -> "true");
        registry.add("hub.connectors.shop.inbox", () -> INBOX.dir().toString());
    }

    @Autowired
    JdbcTemplate crm;

    @Test
    void aGoodExportBecomesOrdersAndLinesAndALaterExportUpdatesThem() throws Exception {
        INBOX.drop("orders-20240604T130000.csv", "orders-20240604T130000.csv");
        INBOX.awaitFile(INBOX.done("orders-20240604T130000.csv"));
        awaitRows(orders("SO2406"), List.of(
                "SO240604001|U1001|2024-06-04|CONFIRMED|CNY|1297.00",
                "SO240604002|U1002|2024-06-04|SHIPPED|CNY|59.90",
                "SO240604003|U1003|2024-06-04|SHIPPED|CNY|2400.00"));
        awaitRows(lines("SO2406"), List.of(
                "SO240604001|1|1|SKU-A100|2|398.00|不锈钢保温杯 500ml",
                "SO240604001|2|2|SKU-B200|1|899.00|蓝牙耳机, 降噪版",
                "SO240604002|1|1|SKU-C300|1|59.90|数据线 1m",
                "SO240604003|1|1|SKU-D400|2|2400.00|机械键盘"));
        assertThat(Files.exists(INBOX.done("orders-20240604T130000.csv.rejects.csv"))).isFalse();

        INBOX.drop("orders-20240605T080000.csv", "orders-20240605T080000.csv");
        INBOX.awaitFile(INBOX.done("orders-20240605T080000.csv"));
        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT status || '@' || source_position FROM "
                + "order_record WHERE source_system = 'shop' AND source_key = 'SO240604001'", String.class),
                s -> s.equals("COMPLETED@orders-20240605T080000.csv#2"));
    }

    @Test
    void badRowsAreRejectedWithLineAndReasonWhileTheGoodRowsGoOn() throws Exception {
        String name = "orders-bad-20240606T080000.csv";
        INBOX.drop(name, name);
        INBOX.awaitFile(INBOX.done(name));
        assertThat(INBOX.rejects(name)).containsExactly(
                Map.entry(3L, "expected 12 columns, found 11"),
                Map.entry(4L, "orders.orderDate: '2024-13-45' is not a date"),
                Map.entry(5L, "order_lines.quantity: '-1' must be greater than 0"),
                Map.entry(6L, "orders.currency: 'XYZ' is not an ISO 4217 currency code"),
                Map.entry(9L, "truncated last line (no line end): expected 12 columns, found 8"));
        assertThat(INBOX.rejectedLines(name).get(9L)).isEqualTo("BD240606007,2024-06-06 08:00,U4007,PAID,CNY,100.00,1,SKU-F");
        awaitRows(orders("BD2406"), List.of(
                "BD240606001|U4001|2024-06-06|CONFIRMED|CNY|100.00",
                "BD240606006|U4006|2024-06-06|SHIPPED|CNY|30.00"));
        awaitRows(lines("BD2406"), List.of(
                "BD240606001|1|1|SKU-F100|1|100.00|好货",
                "BD240606006|1|1|SKU-F200|3|30.00|小样"));
        assertThat(crm.queryForObject("SELECT rows_accepted || '/' || rows_rejected FROM shop_file WHERE file_name = ?",
                String.class, name)).isEqualTo("2/5");
    }

    @Test
    void aGbkExportIsReadAsGb18030() throws Exception {
        String name = "orders-gbk-20240605T093000.csv";
        INBOX.drop(name, name);
        INBOX.awaitFile(INBOX.done(name));
        awaitRows(orders("GB2406"), List.of(
                "GB240605001|U2001|2024-06-05|CONFIRMED|CNY|256.00",
                "GB240605002|U2002|2024-06-05|COMPLETED|CNY|1080.00"));
        awaitRows(lines("GB2406"), List.of(
                "GB240605001|1|1|SKU-T100|1|168.00|西湖龙井茶 250克",
                "GB240605001|2|2|SKU-T200|1|88.00|青花瓷茶杯(两只装)",
                "GB240605002|1|1|SKU-S300|1|1080.00|蚕丝被 双人"));
        assertThat(crm.queryForObject("SELECT encoding FROM shop_file WHERE file_name = ?", String.class, name))
                .isEqualTo("GB18030");
    }

    @Test
    void oneDamagedByteInAUtf8ExportCostsOnlyItsLine() throws Exception {
        String name = "orders-damaged-20240609T080000.csv";
        INBOX.drop(name, name);
        INBOX.awaitFile(INBOX.done(name));
        assertThat(INBOX.rejects(name)).containsExactly(Map.entry(5L, "not valid UTF-8 text"));
        awaitRows(lines("DM2406"), List.of(
                "DM240609001|1|1|SKU-D100|1|168.00|西湖龙井茶明前特级两百五十克礼盒",
                "DM240609002|1|1|SKU-D200|2|88.00|青花瓷茶杯两只装景德镇手绘款",
                "DM240609003|1|1|SKU-D300|1|1080.00|蚕丝被双人四季款杭州丝绸老字号",
                "DM240609005|1|1|SKU-D500|3|195.00|云南普洱熟茶饼三百五十七克陈年",
                "DM240609006|1|1|SKU-D600|2|176.00|安吉白茶雨前一级一百克罐装新茶"));
        assertThat(crm.queryForObject("SELECT encoding || ' ' || rows_accepted || '/' || rows_rejected FROM shop_file "
                + "WHERE file_name = ?", String.class, name)).isEqualTo("UTF-8 5/1");
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotSpoilTheHeader() throws Exception {
        String name = "orders-bom-20240605T100000.csv";
        INBOX.drop(name, name);
        INBOX.awaitFile(INBOX.done(name));
        awaitRows(orders("BM2406"), List.of(
                "BM240605001|U3001|2024-06-05|CONFIRMED|USD|45.50",
                "BM240605002|U3002|2024-06-05|DRAFT|CNY|12.00"));
        awaitRows(lines("BM2406"), List.of(
                "BM240605001|1|1|SKU-E500|1|45.50|Phone case",
                "BM240605002|1|1|SKU-E600|3|12.00|贴膜"));
    }

    @Test
    void theSameContentDroppedTwiceIsIngestedOnce() throws Exception {
        INBOX.drop("orders-repeat-20240607T080000.csv", "orders-repeat-20240607T080000.csv");
        INBOX.awaitFile(INBOX.done("orders-repeat-20240607T080000.csv"));
        awaitRows(orders("RP2406"), List.of("RP240607001|U5001|2024-06-07|CONFIRMED|CNY|10.00"));

        // a later stamp in the name: were it read again, its higher sequence would be applied
        INBOX.drop("orders-repeat-20240607T080000.csv", "orders-repeat-20240609T080000.csv");
        INBOX.awaitFile(INBOX.done("orders-repeat-20240609T080000.csv.duplicate.txt"));
        INBOX.awaitFile(INBOX.done("orders-repeat-20240609T080000.csv"));
        assertThat(Files.readString(INBOX.done("orders-repeat-20240609T080000.csv.duplicate.txt")))
                .contains("orders-repeat-20240607T080000.csv");
        assertThat(crm.queryForList("SELECT source_position FROM order_record WHERE source_system = 'shop' "
                + "AND source_key = 'RP240607001'", String.class)).containsExactly("orders-repeat-20240607T080000.csv#2");
        assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'shop' "
                + "AND source_key LIKE 'RP240607001%'", Long.class)).isEqualTo(2);
        assertThat(crm.queryForObject("SELECT count(*) FROM shop_file WHERE file_name LIKE 'orders-repeat-%'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void unreadableFilesMoveToErrorWithAReason() throws Exception {
        INBOX.drop("orders-empty.csv", "orders-empty.csv");
        INBOX.drop("orders-wrong-header.csv", "orders-wrong-header.csv");
        INBOX.awaitFile(INBOX.error("orders-empty.csv"));
        INBOX.awaitFile(INBOX.error("orders-wrong-header.csv"));
        assertThat(Files.readString(INBOX.awaitFile(INBOX.error("orders-empty.csv.reason.txt"))))
                .isEqualTo("empty file: no header row\n");
        assertThat(Files.readString(INBOX.awaitFile(INBOX.error("orders-wrong-header.csv.reason.txt"))))
                .startsWith("header row lacks column(s) order_no, order_time, customer_id, status,");
        assertThat(crm.queryForObject("SELECT count(*) FROM order_record WHERE source_system = 'shop' "
                + "AND order_number = 'X1'", Long.class)).isZero();
    }

    @Test
    void customerRegistrationsBecomeCustomersAndBadLinesAreRejected() throws Exception {
        INBOX.drop("customers-20240604T120000.jsonl", "customers-20240604T120000.jsonl");
        INBOX.drop("customers-bad-20240606T090000.jsonl", "customers-bad-20240606T090000.jsonl");
        INBOX.awaitFile(INBOX.done("customers-bad-20240606T090000.jsonl"));
        Map<Long, String> rejects = INBOX.rejects("customers-bad-20240606T090000.jsonl");
        assertThat(rejects.keySet()).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(rejects.get(2L)).startsWith("not valid JSON (at column");
        assertThat(rejects).containsEntry(3L, "customer_id is missing")
                .containsEntry(4L, "field address is not a plain value")
                .containsEntry(5L, "customers.name: is required but missing")
                .containsEntry(6L, "not a JSON object");
        awaitRows(() -> crm.queryForList("SELECT source_key || '|' || name || '|' || lifecycle_status || '|' "
                + "|| (payload->'phones')::text || '|' || (payload->'emails')::text AS r FROM customer_record "
                + "WHERE source_system = 'shop' AND source_key ~ '^U[19]' ORDER BY source_key", String.class), List.of(
                "U1001|李 娜|LEAD|[{\"e164\": \"+8613912345678\", \"type\": \"mobile\"}]|[\"li.na@example.com\"]",
                "U1002|小王|LEAD|[{\"e164\": \"+8613800138000\", \"type\": \"mobile\"}]|[]",
                "U1003|Zhang Wei|LEAD|[]|[\"zhang.wei@example.cn\"]",
                "U9001|Good One|LEAD|[]|[\"good.one@example.com\"]"));
    }

    private java.util.concurrent.Callable<List<String>> orders(String prefix) {
        return () -> crm.queryForList("SELECT order_number || '|' || customer_key || '|' || order_date || '|' "
                + "|| status || '|' || currency || '|' || to_char(total_amount, 'FM999999990.00') FROM order_record "
                + "WHERE source_system = 'shop' AND order_number LIKE ? ORDER BY 1", String.class, prefix + "%");
    }

    private java.util.concurrent.Callable<List<String>> lines(String prefix) {
        return () -> crm.queryForList("SELECT order_key || '|' || split_part(source_key, '|', 2) || '|' || line_number "
                + "|| '|' || sku || '|' || quantity || '|' || to_char(amount, 'FM999999990.00') || '|' "
                + "|| (payload->>'description') FROM order_line_record WHERE source_system = 'shop' "
                + "AND order_key LIKE ? ORDER BY 1", String.class, prefix + "%");
    }

    private void awaitRows(java.util.concurrent.Callable<List<String>> query, List<String> expected) {
        await().atMost(TIMEOUT).until(query, rows -> rows.equals(expected));
    }
}
