package io.crmhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.messaging.KafkaBatchConsumer;
import io.crmhub.messaging.KafkaBatchEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** hub.kafka.security.* reaches every Kafka client the hub opens. */
class KafkaSecurityTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"crm-hub\" password=\"s3cret\";";
    private static final Map<String, String> SECURED = Map.ofEntries(
            Map.entry("hub.kafka.brokers", "kafka-0:9093"), Map.entry("hub.kafka.partitions", "3"),
            Map.entry("hub.kafka.replication-factor", "3"), Map.entry("hub.kafka.store-group", "g"),
            Map.entry("hub.kafka.store-consumers", "1"), Map.entry("hub.kafka.store-batch-size", "10"),
            Map.entry("hub.kafka.store-batch-wait-ms", "5"),
            Map.entry("hub.kafka.security.protocol", "sasl_ssl"),
            Map.entry("hub.kafka.security.sasl-mechanism", "SCRAM-SHA-512"),
            Map.entry("hub.kafka.security.sasl-jaas-config", JAAS),
            Map.entry("hub.kafka.security.truststore-location", "/etc/crm-hub/kafka/truststore.p12"),
            Map.entry("hub.kafka.security.truststore-password", "trust-pw"),
            Map.entry("hub.kafka.security.truststore-type", "PKCS12"),
            Map.entry("hub.kafka.security.keystore-location", "/etc/crm-hub/kafka/keystore.p12"),
            Map.entry("hub.kafka.security.keystore-password", "key-pw"),
            Map.entry("hub.kafka.security.keystore-type", "PKCS12"));

    private static HubKafkaProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bind("hub.kafka", HubKafkaProperties.class)
                .get();
    }

    private static void assertSecured(Map<?, ?> config) {
        assertThat(config.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(config.get("sasl.jaas.config")).isEqualTo(JAAS);
        assertThat(config.get("ssl.truststore.location")).isEqualTo("/etc/crm-hub/kafka/truststore.p12");
        assertThat(config.get("ssl.truststore.password")).isEqualTo("trust-pw");
        assertThat(config.get("ssl.keystore.location")).isEqualTo("/etc/crm-hub/kafka/keystore.p12");
        assertThat(config.get("ssl.keystore.password")).isEqualTo("key-pw");
    }

    @Test
    void theHubsOwnClientsGetBrokersAndSecurity() {
        HubKafkaProperties kafka = bind(SECURED);
        Map<String, Object> admin = kafka.clientConfig(Map.of("default.api.timeout.ms", 30_000));
        assertThat(admin).containsEntry("bootstrap.servers", "kafka-0:9093").containsEntry("default.api.timeout.ms",
                30_000);
        assertSecured(admin);
        assertThat(kafka.security().toString()).doesNotContain("s3cret", "trust-pw", "key-pw");
    }

    @Test
    void camelsKafkaConsumersAndProducersGetTheSameSettings() {
        KafkaConfiguration camel = new KafkaConfiguration();
        camel.setBrokers("kafka-0:9093");
        KafkaSecurityConfiguration.apply(bind(SECURED).security(), camel);
        Properties producer = camel.createProducerProperties();
        Properties consumer = camel.createConsumerProperties();
        assertSecured(producer);
        assertSecured(consumer);
        // the store's kafka-batch consumers start from the same component configuration
        Properties store = KafkaBatchConsumer.clientProperties(camel, new KafkaBatchEndpoint.Options(
                List.of("crm.customer"), "g", 1, 10, 5, "earliest"));
        assertSecured(store);
        assertThat(store).containsEntry("bootstrap.servers", "kafka-0:9093").containsEntry("group.id", "g")
                .containsEntry("enable.auto.commit", "false").containsEntry("max.poll.records", 10);
    }

    @Test
    void plaintextByDefaultAndSaslWithoutJaasIsRefused() {
        Map<String, String> plain = new java.util.HashMap<>(SECURED);
        plain.keySet().removeIf(k -> k.startsWith("hub.kafka.security."));
        assertThat(bind(plain).clientConfig(Map.of())).containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.jaas.config", "ssl.truststore.location");
        Map<String, String> noJaas = new java.util.HashMap<>(SECURED);
        noJaas.remove("hub.kafka.security.sasl-jaas-config");
        assertThatThrownBy(() -> bind(noJaas)).hasStackTraceContaining("KAFKA_SASL_JAAS_CONFIG");
    }

    /**
     * Every place in the hub's and the workbench's code that opens a Kafka client takes its settings from clientConfig,
     * or from Camel's kafka component configuration, where the customizer applied them (kafka-batch).
     */
    @Test
    void noKafkaClientIsOpenedWithoutTheSecuritySettings() throws IOException {
        Pattern opens = Pattern.compile("AdminClient\\.create\\(|Admin\\.create\\(|new KafkaProducer<|new KafkaConsumer<");
        List<Path> sources = new java.util.ArrayList<>();
        // the product and the workbench (the SCM simulator is workbench code, src/README.md)
        for (String root : List.of("src/main/java", "src/workbench/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                sources.addAll(files.filter(f -> f.toString().endsWith(".java")).toList());
            }
        }
        int clients = 0;
        for (Path source : sources) {
            String text = Files.readString(source);
            if (opens.matcher(text).find()) {
                clients++;
                assertThat(text.contains("clientConfig(") || text.contains("createConsumerProperties()"))
                        .as(source + " opens a Kafka client").isTrue();
            }
        }
        assertThat(clients).as("topic creation (hub, SCM) and the SCM simulator").isGreaterThanOrEqualTo(3);
    }
}
