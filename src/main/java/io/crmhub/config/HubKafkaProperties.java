package io.crmhub.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka spine ({@code hub.kafka.*}).
 *
 * @param brokers           bootstrap servers, e.g. {@code kafka-0:9092,kafka-1:9092}
 * @param createTopics      create missing topics at start (turn off where topics are managed elsewhere)
 * @param partitions        partitions of topics the hub creates; more partitions allow more hub pods
 * @param replicationFactor replication factor of topics the hub creates
 * @param storeGroup        consumer group of the stage that applies canonical events to the CRM store
 * @param storeConsumers    consumer threads per pod applying canonical events to the store
 * @param storeBatchSize    most canonical events one store transaction applies (the consumer's max.poll.records)
 * @param storeBatchWaitMs  longest a store poll waits for events; what a poll returns is applied at once
 * @param topics            topic names
 * @param security          how every Kafka client of the hub authenticates and encrypts (docs/security.md)
 */
@Validated
@ConfigurationProperties("hub.kafka")
public record HubKafkaProperties(
        @NotBlank String brokers,
        boolean createTopics,
        @Min(1) int partitions,
        @Min(1) short replicationFactor,
        @NotBlank String storeGroup,
        @Min(1) int storeConsumers,
        @Min(1) int storeBatchSize,
        @Min(1) int storeBatchWaitMs,
        @NotNull @Valid Topics topics,
        Security security) {

    public HubKafkaProperties {
        security = security == null ? new Security(null, null, null, null, null, null, null, null, null, null, null)
                : security;
    }

    /**
     * Settings every Kafka client of the hub gets (admin clients, producers, consumers): the brokers and the security
     * settings, then {@code extra}.
     */
    public Map<String, Object> clientConfig(Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.putAll(security.clientConfig());
        config.putAll(extra);
        return config;
    }

    /**
     * {@code hub.kafka.security.*}: one setting per Kafka client property; empty values are left to Kafka's defaults.
     *
     * @param protocol                 {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
     * @param saslMechanism            {@code sasl.mechanism}, e.g. SCRAM-SHA-512 or PLAIN
     * @param saslJaasConfig           {@code sasl.jaas.config} (a secret: KAFKA_SASL_JAAS_CONFIG from a Secret)
     * @param truststoreLocation       {@code ssl.truststore.location}: the CA of the brokers' certificates
     * @param truststorePassword       {@code ssl.truststore.password}
     * @param truststoreType           {@code ssl.truststore.type} (JKS, PKCS12, PEM)
     * @param keystoreLocation         {@code ssl.keystore.location}: the hub's client certificate (mutual TLS)
     * @param keystorePassword         {@code ssl.keystore.password}
     * @param keystoreType             {@code ssl.keystore.type}
     * @param keyPassword              {@code ssl.key.password}
     * @param endpointIdentification   {@code ssl.endpoint.identification.algorithm}: {@code https} (Kafka's default,
     *                                 the broker's host name checked) or empty to turn the check off
     */
    public record Security(
            String protocol,
            String saslMechanism,
            String saslJaasConfig,
            String truststoreLocation,
            String truststorePassword,
            String truststoreType,
            String keystoreLocation,
            String keystorePassword,
            String keystoreType,
            String keyPassword,
            String endpointIdentification) {

        static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

        public Security {
            protocol = protocol == null || protocol.isBlank() ? "PLAINTEXT" : protocol.strip().toUpperCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("hub.kafka.security.protocol '" + protocol + "' is not one of "
                        + PROTOCOLS);
            }
            if (protocol.startsWith("SASL_") && (saslJaasConfig == null || saslJaasConfig.isBlank())) {
                throw new IllegalArgumentException("hub.kafka.security.protocol " + protocol + " needs "
                        + "hub.kafka.security.sasl-jaas-config (KAFKA_SASL_JAAS_CONFIG, from a Secret)");
            }
        }

        /** The Kafka client properties these settings stand for. */
        public Map<String, Object> clientConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
            putIfSet(c, SaslConfigs.SASL_MECHANISM, saslMechanism);
            putIfSet(c, SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
            putIfSet(c, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststoreLocation);
            putIfSet(c, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
            putIfSet(c, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststoreType);
            putIfSet(c, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystoreLocation);
            putIfSet(c, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystorePassword);
            putIfSet(c, SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystoreType);
            putIfSet(c, SslConfigs.SSL_KEY_PASSWORD_CONFIG, keyPassword);
            if (endpointIdentification != null) {
                c.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, endpointIdentification.strip());
            }
            return c;
        }

        private static void putIfSet(Map<String, Object> c, String key, String value) {
            if (value != null && !value.isBlank()) {
                c.put(key, value.strip());
            }
        }

        /** Never the JAAS configuration or a password. */
        @Override
        public String toString() {
            return "Security[protocol=" + protocol + ", saslMechanism=" + saslMechanism + ", truststore="
                    + truststoreLocation + ", keystore=" + keystoreLocation + "]";
        }
    }

    /**
     * @param customer   canonical customer events
     * @param order      canonical order events
     * @param orderLine  canonical order line events
     * @param payment    canonical payment events
     * @param interaction canonical interaction events (contacts, visits, contracts, tickets, surveys)
     * @param shipment   canonical shipment events
     * @param deadLetter records that could not be mapped or applied, with their reason
     * @param identity   identity decisions: golden customers created, records linked, merged, unmerged
     */
    public record Topics(
            @NotBlank String customer,
            @NotBlank String order,
            @NotBlank String orderLine,
            @NotBlank String payment,
            @NotBlank String interaction,
            @NotBlank String shipment,
            @NotBlank String deadLetter,
            @NotBlank String identity) {

        public List<String> all() {
            return List.of(customer, order, orderLine, payment, interaction, shipment, deadLetter, identity);
        }

        /** The topics the store stage consumes: every canonical entity topic, not the dead letter. */
        public List<String> canonical() {
            return List.of(customer, order, orderLine, payment, interaction, shipment);
        }
    }
}
