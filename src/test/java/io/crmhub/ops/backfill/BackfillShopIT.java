package io.crmhub.ops.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.it.HubIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Shop backfill from a folder of historical exports: paused after a page and resumed, the later export of an order
 * wins over the earlier one, order lines come with their orders, bad rows go to the folder's rejects, and the
 * report reconciles orders by key.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.backfill.folder=target/backfill-shop-it")
class BackfillShopIT {

    private static final String HEADER = "order_no,order_time,customer_id,status,currency,order_total,line_no,sku,"
            + "product_name,quantity,unit_price,line_amount\n";
    private static final Path FOLDER = Path.of("target/backfill-shop-it");

    @Autowired
    BackfillService backfill;
    @Autowired
    JdbcTemplate crm;

    final String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @Test
    void historicalExportsAreLoadedInOrderAndResumedAfterAPause() throws IOException {
        Files.createDirectories(FOLDER);
        write("orders-20240601T080000.csv", HEADER
                + row("A", "PAID", 1, "2") + row("A", "PAID", 2, "3") + row("B", "PAID", 1, "1")
                + "BF" + tag + "X,2024-06-01 08:00,U1,PAID,CNY,1.00,1,SKU-1,Cup,-4,1.00,1.00\n");
        write("orders-20240602T080000.csv", HEADER + row("A", "COMPLETED", 1, "2") + row("C", "PAID", 1, "5"));
        BackfillRequest request = new BackfillRequest("shop", "orders", "2024-06-01", "2024-06-02", 0, 2, 1, false);

        BackfillReport paused = backfill.run(request, BackfillObserver.NONE);
        assertThat(paused.status()).isEqualTo("PAUSED");
        assertThat(paused.exitCode()).isEqualTo(3);
        // one page of two changes: the order and its first line, never half a line
        assertThat(paused.applied()).isEqualTo(2);

        BackfillReport done = backfill.run(new BackfillRequest("shop", "orders", "2024-06-01", "2024-06-02", 0, 2, 0,
                false), BackfillObserver.NONE);

        assertThat(done.runId()).isEqualTo(paused.runId());
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(crm.queryForObject("SELECT status FROM order_record WHERE source_system = 'shop'"
                + " AND order_number = ?", String.class, "BF" + tag + "A")).isEqualTo("COMPLETED");
        assertThat(crm.queryForObject("SELECT last_op FROM order_record WHERE source_system = 'shop'"
                + " AND order_number = ?", String.class, "BF" + tag + "C")).isEqualTo("READ");
        assertThat(crm.queryForObject("SELECT count(*) FROM order_line_record WHERE source_system = 'shop'"
                + " AND order_key LIKE ?", Long.class, "BF" + tag + "%")).isEqualTo(4);
        assertThat(crm.queryForObject("SELECT count(*) FROM order_record WHERE source_system = 'shop'"
                + " AND order_number = ?", Long.class, "BF" + tag + "X")).isZero();
        assertThat(Files.readString(FOLDER.resolve("rejects/orders-20240601T080000.csv.rejects.csv")))
                .contains("quantity");
        Reconciliation r = done.reconciliation();
        assertThat(r.sourceCount()).isEqualTo(3);
        assertThat(r.matched()).isEqualTo(3);
        assertThat(r.consistent()).isTrue();
        assertThat(done.exitCode()).isZero();
    }

    private String row(String order, String status, int line, String quantity) {
        return "BF" + tag + order + ",2024-06-01 08:00,U-" + tag + "," + status + ",CNY,10.00," + line + ",SKU-" + line
                + ",Cup," + quantity + ",1.00," + quantity + ".00\n";
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(FOLDER.resolve(name), content, StandardCharsets.UTF_8);
    }
}
