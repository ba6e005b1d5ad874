package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.config.HubKafkaProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** At-least-once in, exactly-once effect out: re-deliveries and older positions change nothing and are counted. */
@HubIntegrationTest
class DuplicateDeliveryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    MeterRegistry registry;

    CanonicalEvents events;
    String key;

    @BeforeEach
    void setUp() {
        events = new CanonicalEvents(kafka.brokers());
        key = UUID.randomUUID().toString();
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void theSameEventDeliveredTwiceChangesNothingAndIsCounted() throws Exception {
        CanonicalEvent event = CanonicalEvents.customer(key, 10, "Wang Wei");
        events.send(kafka.topics().customer(), event);
        Map<String, Object> first = awaitRecord(10);

        double duplicatesBefore = count("duplicate");
        events.send(kafka.topics().customer(), event);
        await().atMost(TIMEOUT).until(() -> count("duplicate") == duplicatesBefore + 1);

        assertThat(record()).isEqualTo(first);
        assertThat(changeLogCount()).isEqualTo(1);
    }

    @Test
    void anOlderPositionArrivingAfterANewerOneChangesNothingAndIsCounted() throws Exception {
        events.send(kafka.topics().customer(), CanonicalEvents.customer(key, 20, "Newer Name"));
        Map<String, Object> newer = awaitRecord(20);

        double staleBefore = count("stale");
        events.send(kafka.topics().customer(), CanonicalEvents.customer(key, 15, "Older Name"));
        await().atMost(TIMEOUT).until(() -> count("stale") == staleBefore + 1);

        assertThat(record()).isEqualTo(newer);
        assertThat(record().get("name")).isEqualTo("Newer Name");

        events.send(kafka.topics().customer(), CanonicalEvents.customer(key, 30, "Newest Name"));
        assertThat(awaitRecord(30).get("name")).isEqualTo("Newest Name");
        assertThat(changeLogCount()).isEqualTo(2);
    }

    @Test
    void messagesThatAreNotCanonicalEventsGoToTheDeadLetterAndTheStreamGoesOn() throws Exception {
        String badKey = "it:customers:" + key;
        events.send(kafka.topics().customer(), badKey, "{\"eventId\": \"x\", not json");
        String noPayload = CanonicalJson.write(CanonicalEvents.customer(key + "-np", 1, "X")).replaceAll(
                ",\"payload\":\\{[^}]*\\}", "");
        events.send(kafka.topics().customer(), "it:customers:" + key + "-np", noPayload);
        events.send(kafka.topics().customer(), CanonicalEvents.customer(key, 5, "After The Poison"));

        assertThat(awaitRecord(5).get("name")).isEqualTo("After The Poison");
        Map<String, Object> malformed = awaitDeadLetter(badKey);
        assertThat(malformed.get("reason").toString()).contains("malformed JSON");
        assertThat(malformed.get("raw_record")).isEqualTo("{\"eventId\": \"x\", not json");
        assertThat(malformed.get("route_id")).isEqualTo("canonical-store-apply");
        assertThat(malformed.get("source_position").toString()).startsWith(kafka.topics().customer() + "/");
        Map<String, Object> missing = awaitDeadLetter("it:customers:" + key + "-np");
        assertThat(missing.get("reason").toString()).contains("payload is missing");
    }

    private Map<String, Object> awaitRecord(long sequence) {
        return await().atMost(TIMEOUT).until(this::recordOrNull,
                r -> r != null && ((Number) r.get("source_sequence")).longValue() == sequence);
    }

    private Map<String, Object> recordOrNull() {
        var rows = crm.queryForList("SELECT * FROM customer_record WHERE source_system = 'it' AND source_key = ?", key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Map<String, Object> record() {
        return recordOrNull();
    }

    private long changeLogCount() {
        return crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'it' AND source_key = ?",
                Long.class, key);
    }

    private Map<String, Object> awaitDeadLetter(String kafkaKey) {
        String[] parts = kafkaKey.split(":", 3);
        return await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT * FROM dead_letter WHERE "
                + "source_system = ? AND source_entity = ? AND source_key = ?", parts[0], parts[1], parts[2]),
                rows -> rows.size() == 1).get(0);
    }

    private double count(String outcome) {
        Counter c = registry.find("hub.store.events").tags("entity", "customer", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
