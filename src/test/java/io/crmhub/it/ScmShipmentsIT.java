package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.connector.scm.ScmConnectorProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** SCM shipment events on their Kafka topic become shipments in the store, linked to ERP orders; bad ones are dead-lettered. */
@HubIntegrationTest
class ScmShipmentsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    ScmConnectorProperties scm;
    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    MeterRegistry registry;

    KafkaProducer<String, String> producer;
    String shipment;

    @BeforeEach
    void setUp() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        shipment = "SH-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    @Test
    void shipmentEventsBecomeAShipmentLinkedToItsErpOrderAndOlderEventsChangeNothing() throws Exception {
        String orderNumber = anErpOrderInTheStore();
        send(shipment, event(shipment, 1, "2024-06-04T10:00:00+08:00", orderNumber, "CREATED", null, null));
        Map<String, Object> created = awaitShipment(1);
        assertThat(created.get("order_number")).isEqualTo(orderNumber);
        assertThat(created.get("status")).isEqualTo("CREATED");
        assertThat(created.get("shipped_at")).isNull();
        assertThat(created.get("last_op")).isEqualTo("CREATE");
        assertThat(created.get("source_position").toString()).startsWith(scm.topic() + "/");
        assertThat(crm.queryForObject("SELECT count(*) FROM shipment_record s JOIN order_record o "
                + "ON o.order_number = s.order_number WHERE s.source_key = ?", Long.class, shipment)).isEqualTo(1);

        // the warehouse scanner sends local time: 2024-06-04 18:05 in Shanghai
        send(shipment, event(shipment, 2, "2024-06-04T18:05:00+08:00", orderNumber, "DISPATCHED",
                "2024-06-04 18:05", null));
        Map<String, Object> shipped = awaitShipment(2);
        assertThat(shipped.get("status")).isEqualTo("SHIPPED");
        assertThat(instant(shipped.get("shipped_at"))).isEqualTo("2024-06-04T10:05:00Z");
        assertThat(shipped.get("last_op")).isEqualTo("UPDATE");

        double staleBefore = count("stale");
        // SCM re-publishes its first event later: a higher offset, but the old version
        send(shipment, event(shipment, 1, "2024-06-04T10:00:00+08:00", orderNumber, "CREATED", null, null));
        await().atMost(TIMEOUT).until(() -> count("stale") == staleBefore + 1);
        assertThat(shipment()).isEqualTo(shipped);
        assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'scm' "
                + "AND source_key = ?", Long.class, shipment)).isEqualTo(2);
        Map<String, String> onTopic = TopicReader.awaitKeys(kafka.brokers(), kafka.topics().shipment(),
                List.of("scm:shipments:" + shipment), TIMEOUT);
        assertThat(onTopic.get("scm:shipments:" + shipment)).contains("\"type\":\"shipment.upserted\"")
                .contains("\"orderNumber\":\"" + orderNumber + "\"");
    }

    @Test
    void unreadableMessagesAreDeadLetteredWithReasonAndPositionAndTheStreamGoesOn() throws Exception {
        String badKey = shipment + "-bad";
        RecordMetadata notJson = send(badKey, "shipment SH-1 left the warehouse");
        RecordMetadata noNumber = send(badKey + "2", "{\"version\": 1, \"eventTime\": \"2024-06-04T10:00:00+08:00\","
                + " \"orderNumber\": \"SO-1\", \"status\": \"CREATED\"}");
        send(shipment, event(shipment, 1, "2024-06-04T10:00:00+08:00", "SO-IT-1", "CREATED", null, null));

        assertThat(awaitShipment(1).get("order_number")).isEqualTo("SO-IT-1");
        Map<String, Object> first = awaitDeadLetter(badKey);
        assertThat(first.get("reason")).isEqualTo("not JSON at line 1, column 9");
        assertThat(first.get("source_position")).isEqualTo(position(notJson));
        assertThat(first.get("raw_record")).isEqualTo("shipment SH-1 left the warehouse");
        assertThat(first.get("route_id")).isEqualTo("scm-shipments-ingest");
        Map<String, Object> second = awaitDeadLetter(badKey + "2");
        assertThat(second.get("reason")).isEqualTo("missing shipmentNumber");
        assertThat(second.get("source_position")).isEqualTo(position(noNumber));
        Map<String, String> deadLetters = TopicReader.awaitKeys(kafka.brokers(), kafka.topics().deadLetter(),
                List.of("scm:shipments:" + badKey), TIMEOUT);
        assertThat(deadLetters.get("scm:shipments:" + badKey)).contains("not JSON at line 1, column 9");
    }

    @Test
    void aBurstIsPublishedInBatchesAndTheGroupCommitsOnlyWhatReachedTheStore() throws Exception {
        int burst = 500;
        List<java.util.concurrent.Future<RecordMetadata>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String number = shipment + "-" + i;
            sent.add(producer.send(new ProducerRecord<>(scm.topic(), number,
                    event(number, 1, "2024-06-04T10:00:00+08:00", "SO-BURST", "CREATED", null, null))));
        }
        producer.flush();
        Map<org.apache.kafka.common.TopicPartition, Long> end = new java.util.HashMap<>();
        for (java.util.concurrent.Future<RecordMetadata> f : sent) {
            RecordMetadata m = f.get();
            end.merge(new org.apache.kafka.common.TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
        }
        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM shipment_record "
                + "WHERE source_key LIKE ?", Long.class, shipment + "-%") == burst);
        // the position a restart resumes from: the group's committed offsets reach the last message of the burst
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", kafka.brokers()))) {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(scm.group()).partitionsToOffsetAndMetadata().get();
                end.forEach((partition, offset) -> assertThat(committed.get(partition)).isNotNull()
                        .extracting(org.apache.kafka.clients.consumer.OffsetAndMetadata::offset)
                        .satisfies(o -> assertThat(o).isGreaterThanOrEqualTo(offset)));
            });
        }
        assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'scm' "
                + "AND source_key LIKE ?", Long.class, shipment + "-%")).isEqualTo(burst);
    }

    private String anErpOrderInTheStore() {
        try (ErpDatabase erp = new ErpDatabase(erpProps)) {
            String orderNumber = erp.jdbc().queryForObject("SELECT order_no FROM sales_orders ORDER BY id LIMIT 1",
                    String.class);
            await().atMost(TIMEOUT).until(() -> crm.queryForObject(
                    "SELECT count(*) FROM order_record WHERE order_number = ?", Long.class, orderNumber) == 1);
            return orderNumber;
        }
    }

    static String event(String number, long version, String eventTime, String orderNumber, String status,
                        String shippedAt, String deliveredAt) {
        return """
                {"shipmentNumber": "%s", "version": %d, "eventTime": "%s", "orderNumber": "%s", "carrier": "SF",
                 "trackingNumber": "SF1234567890", "status": "%s", "shippedAt": %s, "deliveredAt": %s}
                """.formatted(number, version, eventTime, orderNumber, status, quoted(shippedAt), quoted(deliveredAt));
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    private RecordMetadata send(String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(scm.topic(), key, value)).get();
    }

    private static String position(RecordMetadata m) {
        return m.topic() + "/" + m.partition() + "@" + m.offset();
    }

    private Map<String, Object> awaitShipment(long version) {
        return await().atMost(TIMEOUT).until(this::shipment,
                r -> r != null && ((Number) r.get("source_sequence")).longValue() == version);
    }

    private Map<String, Object> shipment() {
        var rows = crm.queryForList("SELECT * FROM shipment_record WHERE source_system = 'scm' "
                + "AND source_entity = 'shipments' AND source_key = ?", shipment);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Map<String, Object> awaitDeadLetter(String key) {
        return await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT * FROM dead_letter WHERE "
                + "source_system = 'scm' AND source_entity = 'shipments' AND source_key = ?", key),
                rows -> rows.size() == 1).get(0);
    }

    private static String instant(Object timestamp) {
        return timestamp instanceof java.sql.Timestamp t ? t.toInstant().toString()
                : ((OffsetDateTime) timestamp).toInstant().toString();
    }

    private double count(String outcome) {
        Counter c = registry.find("hub.store.events").tags("entity", "shipment", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
