package io.crmhub.it;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts a KRaft test broker of a test's own beside the JVM's shared one. The Spring Kafka test kit publishes every
 * broker it starts as the {@code spring.embedded.kafka.brokers} / {@code spring.kafka.bootstrap-servers} system
 * properties, which the hub contexts of later tests in the same JVM read: they are put back as they were.
 */
public final class SideKafkaBroker {

    private SideKafkaBroker() {
    }

    /** A started broker with {@code partitions} per topic it creates and the given broker settings. */
    public static EmbeddedKafkaKraftBroker start(int partitions, Map<String, String> properties) {
        String shared = System.getProperty("spring.embedded.kafka.brokers");
        String sharedBootstrap = System.getProperty("spring.kafka.bootstrap-servers");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(properties);
        broker.brokerListProperty(null);
        try {
            broker.afterPropertiesSet();
        } finally {
            restore("spring.embedded.kafka.brokers", shared);
            restore("spring.kafka.bootstrap-servers", sharedBootstrap);
        }
        return broker;
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
