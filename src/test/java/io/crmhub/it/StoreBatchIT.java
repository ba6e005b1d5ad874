package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import io.crmhub.config.HubKafkaProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The store consumer applies a poll's worth of events per transaction and commits their offsets only after the
 * database commit: a bad event costs only itself, and a batch interrupted by a stop is read again, not skipped.
 */
@HubIntegrationTest
class StoreBatchIT {

    private static final String ROUTE = "canonical-store-apply";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    CamelContext camel;
    @Autowired
    Environment env;

    KafkaProducer<String, String> producer;
    String run;

    @BeforeEach
    void setUp() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        run = "sb" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void tearDown() throws Exception {
        producer.close();
        camel.getRouteController().startRoute(ROUTE);
    }

    @Test
    void aBadEventInABatchIsDeadLetteredAloneAndTheRestOfTheBatchIsStored() throws Exception {
        camel.getRouteController().stopRoute(ROUTE, 30, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) {
            send(kafka.topics().customer(), CanonicalEvents.customer(run + "-" + i, 1, "批内客户" + i));
        }
        // an order whose amount is not a number: the KPI fact cannot be written, inside the batch's transaction
        send(kafka.topics().order(), order(run + "-bad", "lots"));
        send(kafka.topics().order(), order(run + "-good", "120.50"));
        camel.getRouteController().startRoute(ROUTE);

        await().atMost(TIMEOUT).until(() -> count("customer_record", "it", run + "-%") == 20
                && count("order_record", "it", run + "-good") == 1);
        Map<String, Object> letter = await().atMost(TIMEOUT).until(() -> crm.queryForList(
                "SELECT * FROM dead_letter WHERE source_key = ?", run + "-bad"), rows -> rows.size() == 1).get(0);
        assertThat(letter.get("route_id")).isEqualTo(ROUTE);
        // summarised: the driver's message would quote the statement and the value
        assertThat(letter.get("reason")).isEqualTo("database refused the write: SQLState 22P02 (invalid text "
                + "representation)");
        assertThat(count("order_record", "it", run + "-bad")).isZero();
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_link WHERE source_key LIKE ?", Long.class,
                run + "-%")).isEqualTo(20);
        assertThat(crm.queryForObject("SELECT amount FROM kpi_fact WHERE source_key = ?", java.math.BigDecimal.class,
                run + "-good")).isEqualByComparingTo("120.50");
    }

    @Test
    void aBatchInterruptedByAStopIsReadAgainNotSkipped() throws Exception {
        String adminUrl = env.getProperty("spring.datasource.url").replaceAll("/crm$", "/postgres");
        SingleConnectionDataSource adminDs = new SingleConnectionDataSource(adminUrl,
                env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"), true);
        JdbcTemplate admin = new JdbcTemplate(adminDs);
        try {
            admin.execute("ALTER DATABASE crm ALLOW_CONNECTIONS false");
            admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = 'crm' AND pid <> pg_backend_pid()");
            Map<TopicPartition, Long> sent = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                RecordMetadata m = send(kafka.topics().customer(), CanonicalEvents.customer(run + "-" + i, 1, "停顿" + i));
                sent.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::min);
            }
            // the batch is taken and fails against the unreachable store, over and over
            await().atMost(TIMEOUT).until(() -> camel.getInflightRepository().size(ROUTE) > 0);
            camel.getRouteController().stopRoute(ROUTE, 10, TimeUnit.SECONDS);

            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets();
            sent.forEach((tp, first) -> assertThat(committed.get(tp) == null ? 0 : committed.get(tp).offset())
                    .as("offset committed on %s before the batch was stored", tp).isLessThanOrEqualTo(first));
        } finally {
            admin.execute("ALTER DATABASE crm ALLOW_CONNECTIONS true");
            adminDs.destroy();
        }
        camel.getRouteController().startRoute(ROUTE);
        await().atMost(TIMEOUT).until(() -> count("customer_record", "it", run + "-%") == 10);
        assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_key LIKE ?", Long.class, run + "-%"))
                .isEqualTo(10);
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
        try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers()))) {
            return a.listConsumerGroupOffsets(kafka.storeGroup()).partitionsToOffsetAndMetadata().get();
        }
    }

    private RecordMetadata send(String topic, CanonicalEvent event) throws Exception {
        return producer.send(new ProducerRecord<>(topic, event.source().qualifiedKey(),
                CanonicalJson.mapper().writeValueAsString(event))).get();
    }

    private long count(String table, String system, String keyPattern) {
        return crm.queryForObject("SELECT count(*) FROM " + table + " WHERE source_system = ? AND source_key LIKE ?",
                Long.class, system, keyPattern);
    }

    private static CanonicalEvent order(String key, String amount) {
        SourceRef src = new SourceRef("it", "orders", key, "pos-1", 1);
        var payload = CanonicalJson.mapper().createObjectNode().put("orderNumber", "SO-" + key)
                .put("orderDate", "2024-06-01").put("status", "CONFIRMED").put("currency", "CNY")
                .put("totalAmount", amount);
        payload.putObject("customer").put("system", "it").put("entity", "customers").put("key", key);
        return new CanonicalEvent(CanonicalEvent.eventIdFor(src, ChangeOp.UPDATE),
                CanonicalEvent.typeFor(EntityType.ORDER, ChangeOp.UPDATE), CanonicalEvent.SCHEMA_VERSION,
                EntityType.ORDER, ChangeOp.UPDATE, src, "it@1", Instant.parse("2024-06-04T05:00:00Z"), Instant.now(),
                payload, null);
    }
}
