package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.erp.ErpConnectorProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ERP capture in batches: one Debezium batch is one exchange, a poison change in it is dead-lettered alone, and a
 * batch whose publish failed is not acknowledged, so it is read again and arrives once Kafka takes it; a change too
 * large for Kafka is dead-lettered alone instead of failing its batch at every re-read.
 */
@HubIntegrationTest
class ErpBatchCaptureIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    CamelContext camel;

    /** Publishes of canonical-publish still to refuse, as a broker refusing a batch for good would. */
    static final AtomicInteger refusals = new AtomicInteger();
    static volatile boolean advised;

    ErpDatabase erp;

    @BeforeEach
    void connect() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "canonical-publish", route -> route.weaveByToUri("kafka:*").before()
                    .process(exchange -> {
                        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            throw new KafkaException("test: the broker refused the batch");
                        }
                    }));
            advised = true;
        }
        // advising replaces the route; the supervising route controller does not start the new one by itself
        if (!camel.getRouteController().getRouteStatus("canonical-publish").isStarted()) {
            camel.getRouteController().startRoute("canonical-publish");
        }
        erp = new ErpDatabase(erpProps);
        await().atMost(TIMEOUT).until(erp::isStreaming);
    }

    @AfterEach
    void disconnect() {
        refusals.set(0);
        erp.close();
    }

    @Test
    void aPoisonChangeInOneTransactionIsDeadLetteredAloneAndTheRestOfItsBatchArrives() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long customerId = erp.insert("customers", java.util.Map.of("customer_no", "C-" + suffix, "kind", "P",
                "name", "王芳", "status", "LEAD"));
        List<String> amounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            amounts.add(i == 15 ? "12,3a" : i + ".50");
        }
        // one statement, one transaction: its 30 changes reach the hub together
        StringBuilder sql = new StringBuilder("INSERT INTO payment_receipts (receipt_no, customer_id, amount, "
                + "currency, paid_at, method) VALUES ");
        for (int i = 0; i < amounts.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("('RC-").append(suffix).append('-').append(i).append("', ")
                    .append(customerId).append(", '").append(amounts.get(i)).append("', 'CNY', '20240604', 'BANK')");
        }
        erp.update(sql.toString());

        await().atMost(TIMEOUT).until(() -> count("FROM payment_record WHERE source_system = 'erp' "
                + "AND customer_key = ?", String.valueOf(customerId)) == 29);
        await().atMost(TIMEOUT).until(() -> count("FROM dead_letter WHERE source_entity = 'payment_receipts' "
                + "AND raw_record LIKE ?", "%RC-" + suffix + "-%") == 1);
        assertThat(count("FROM payment_record WHERE customer_key = ?", String.valueOf(customerId))).isEqualTo(29);
        assertThat(crm.queryForObject("SELECT reason FROM dead_letter WHERE raw_record LIKE ?", String.class,
                "%RC-" + suffix + "-15%")).contains("'12,3a' is not a decimal amount");
    }

    @Test
    void aBatchWhosePublishWasRefusedIsNotAcknowledgedAndArrivesOnceKafkaTakesIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        refusals.set(1);

        long id = erp.insert("customers", java.util.Map.of("customer_no", "C-" + suffix, "kind", "P", "name", "李娜",
                "status", "LEAD"));

        await().atMost(TIMEOUT).until(() -> count("FROM customer_record WHERE source_system = 'erp' "
                + "AND source_key = ?", String.valueOf(id)) == 1);
        assertThat(refusals.get()).as("the first publish of the batch was refused").isZero();
        assertThat(count("FROM dead_letter WHERE source_entity = 'customers' AND source_key = ?", String.valueOf(id)))
                .as("a refused publish is not a dead letter").isZero();
    }

    @Test
    void aChangeTooLargeForKafkaIsDeadLetteredAloneAndTheChangesAroundItArrive() {
        // a free-text column as some ERPs have them (the demo schema bounds it at 300 characters)
        erp.update("ALTER TABLE customers ALTER COLUMN address TYPE text");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long before = erp.insert("customers", java.util.Map.of("customer_no", "B-" + suffix, "kind", "P",
                "name", "王芳", "status", "LEAD"));
        // 1.2 MB in UTF-8: larger than Kafka takes (hub.publish.max-event-bytes, the producer's 1 MiB)
        long huge = erp.insert("customers", java.util.Map.of("customer_no", "H-" + suffix, "kind", "P",
                "name", "李娜", "status", "LEAD", "address", "浦东新区".repeat(100_000)));
        long after = erp.insert("customers", java.util.Map.of("customer_no", "A-" + suffix, "kind", "P",
                "name", "张伟", "status", "LEAD"));

        await().atMost(TIMEOUT).until(() -> count("FROM customer_record WHERE source_system = 'erp' "
                + "AND source_key IN (?, ?)", String.valueOf(before), String.valueOf(after)) == 2);
        await().atMost(TIMEOUT).until(() -> count("FROM dead_letter WHERE source_entity = 'customers' "
                + "AND source_key = ?", String.valueOf(huge)) == 1);
        java.util.Map<String, Object> letter = crm.queryForMap("SELECT reason, error_class, length(raw_record) AS raw "
                + "FROM dead_letter WHERE source_entity = 'customers' AND source_key = ?", String.valueOf(huge));
        assertThat((String) letter.get("reason")).startsWith("canonical customer event of ")
                .contains("larger than hub.publish.max-event-bytes");
        assertThat(letter.get("error_class")).isEqualTo("io.crmhub.connector.OversizedEventException");
        assertThat(((Number) letter.get("raw")).longValue()).as("the raw record is kept whole").isGreaterThan(400_000);
        assertThat(count("FROM customer_record WHERE source_system = 'erp' AND source_key = ?", String.valueOf(huge)))
                .isZero();
    }

    private long count(String from, Object... args) {
        return crm.queryForObject("SELECT count(*) " + from, Long.class, args);
    }
}
