package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.connector.scm.ScmConnectorProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub against a broker that accepts only SASL_SSL (SCRAM-SHA-512, TLS with the host name checked): topic creation
 * (the hub's and the SCM's AdminClient), Camel's consumers (store apply, SCM ingest) and producers (canonical publish,
 * dead letter, identity outbox) all reach it with nothing but {@code hub.kafka.security.*}; topics carry the configured
 * retention; a client without the hub's credentials is refused.
 */
@HubIntegrationTest
class KafkaSaslSslIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPIC_RETENTION = Duration.ofDays(3);
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofHours(36);
    private static SaslSslKafkaBroker broker;

    @DynamicPropertySource
    static void securedBroker(DynamicPropertyRegistry registry) {
        broker = SaslSslKafkaBroker.start();
        // replaces the JVM's shared PLAINTEXT broker that hub.embedded points the hub at
        broker.hubProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("hub.retention.topic-retention", () -> "3d");
        registry.add("hub.retention.dead-letter-topic-retention", () -> "36h");
    }

    /** Stops the broker when Spring closes the hub (after Camel stopped), not in @AfterAll (which runs before Spring closes the context). */
    @TestConfiguration(proxyBeanMethods = false)
    static class BrokerLifecycle {
        @Bean(destroyMethod = "close")
        SaslSslKafkaBroker saslSslKafkaBroker() {
            return broker;
        }
    }

    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    ScmConnectorProperties scm;
    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;

    @Test
    void theHubCreatesItsTopicsOverSaslSslWithTheConfiguredRetention() throws Exception {
        assertThat(kafka.brokers()).isEqualTo(broker.brokers());
        try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(kafka.topics().all()).contains(scm.topic());
            List<ConfigResource> topics = kafka.topics().all().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS);
            Map<String, String> retention = configs.entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().name(), e -> e.getValue().get("retention.ms").value()));
            Map<String, String> expected = new HashMap<>();
            kafka.topics().all().forEach(t -> expected.put(t, String.valueOf(TOPIC_RETENTION.toMillis())));
            expected.put(kafka.topics().deadLetter(), String.valueOf(DEAD_LETTER_RETENTION.toMillis()));
            assertThat(retention).isEqualTo(expected);
        }
    }

    @Test
    void anErpChangeIsPublishedConsumedStoredAndItsIdentityDecisionPublishedOverSaslSsl() {
        String key;
        try (ErpDatabase erp = new ErpDatabase(erpProps)) {
            await().atMost(TIMEOUT).until(erp::isStreaming);
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer_no", "C-TLS-" + suffix);
            row.put("kind", "C");
            row.put("name", "Secure Transport Co., Ltd. " + suffix);
            row.put("email", "tls-" + suffix + "@example.com");
            row.put("status", "PROSPECT");
            key = String.valueOf(erp.insert("customers", row));
        }
        // Camel's producer (canonical publish) and consumer (store apply) went through the secured listener
        Map<String, Object> stored = await().atMost(TIMEOUT).until(() -> crm.queryForList(
                "SELECT * FROM customer_record WHERE source_system = 'erp' AND source_key = ?", key),
                rows -> rows.size() == 1).get(0);
        assertThat(stored.get("number")).asString().startsWith("C-TLS-");
        String eventKey = "erp:customers:" + key;
        assertThat(read(kafka.topics().customer(), keys -> keys.containsKey(eventKey)).get(eventKey))
                .contains("\"key\":\"" + key + "\"").contains("\"number\":\"" + stored.get("number") + "\"");

        // the identity outbox's Camel producer: the decision leaves the pending table only after Kafka acknowledged it
        String golden = await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT golden_id::text FROM "
                + "identity_decision WHERE source_system = 'erp' AND source_entity = 'customers' AND source_key = ? "
                + "AND id NOT IN (SELECT id FROM identity_decision_pending)", String.class, key),
                rows -> !rows.isEmpty()).get(0);
        assertThat(read(kafka.topics().identity(), keys -> keys.containsKey(golden)).get(golden))
                .contains(golden).contains(key);
    }

    @Test
    void scmEventsAreIngestedAndBadOnesDeadLetteredOverSaslSsl() throws Exception {
        String number = "SH-TLS-" + UUID.randomUUID().toString().substring(0, 8);
        String bad = number + "-bad";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientConfig(Map.of("acks", "all")),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(scm.topic(), bad, "shipment left the warehouse")).get();
            producer.send(new ProducerRecord<>(scm.topic(), number, ScmShipmentsIT.event(number, 1,
                    "2024-06-04T10:00:00+08:00", "SO-TLS-1", "CREATED", null, null))).get();
        }
        // Camel's SCM consumer, then the canonical producer and the store consumer
        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM shipment_record "
                + "WHERE source_system = 'scm' AND source_key = ?", Long.class, number) == 1);
        // the dead-letter route's producer
        assertThat(await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT reason FROM dead_letter "
                + "WHERE source_system = 'scm' AND source_key = ?", String.class, bad), r -> r.size() == 1))
                .containsExactly("not JSON at line 1, column 9");
        String deadKey = "scm:shipments:" + bad;
        assertThat(read(kafka.topics().deadLetter(), keys -> keys.containsKey(deadKey)).get(deadKey))
                .contains("not JSON at line 1, column 9");
    }

    @Test
    void aClientWithoutTheHubsCredentialsIsRefused() {
        // right truststore, wrong password: the broker answers with an authentication failure
        Map<String, Object> wrongPassword = new HashMap<>(kafka.clientConfig(quick()));
        wrongPassword.put("sasl.jaas.config", broker.jaas(SaslSslKafkaBroker.USER, "guessed"));
        assertRefused(wrongPassword, SaslAuthenticationException.class);
        // TLS but no SASL login at all, or no TLS either: nothing is answered
        Map<String, Object> tlsOnly = new HashMap<>(kafka.clientConfig(quick()));
        tlsOnly.put("security.protocol", "SSL");
        tlsOnly.remove("sasl.jaas.config");
        tlsOnly.remove("sasl.mechanism");
        assertRefused(tlsOnly, org.apache.kafka.common.errors.TimeoutException.class);
        assertRefused(Map.of("bootstrap.servers", broker.brokers(), "default.api.timeout.ms", 3000,
                "request.timeout.ms", 3000), org.apache.kafka.common.errors.TimeoutException.class);
    }

    private static Map<String, Object> quick() {
        return Map.of("default.api.timeout.ms", 3000, "request.timeout.ms", 3000);
    }

    private static void assertRefused(Map<String, Object> config, Class<? extends Throwable> cause) {
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(cause);
        }
    }

    /** Reads a topic from the beginning with the hub's own client settings until {@code done}; key → last value. */
    private Map<String, String> read(String topic, java.util.function.Predicate<Map<String, String>> done) {
        Map<String, String> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.put(r.key(), r.value()));
                return done.test(seen);
            });
        }
        return seen;
    }
}
