package io.crmhub.config;

import org.apache.camel.Ordered;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code hub.kafka.security.*} on Camel's Kafka component: every {@code kafka:} endpoint of the routes (canonical
 * publish, store apply, dead letter, SCM ingest, partner publish), consumers and producers alike, inherits it. The
 * hub's own clients (topic creation, the SCM simulator) take the same settings through
 * {@link HubKafkaProperties#clientConfig}.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaSecurityConfiguration {

    /** Runs after the starter applied {@code camel.component.kafka.*}, so the typed settings win. */
    @Bean
    ComponentCustomizer kafkaSecurityCustomizer(HubKafkaProperties kafka) {
        return ComponentCustomizer.builder(KafkaComponent.class)
                .withOrder(Ordered.LOWEST)
                .build(component -> apply(kafka.security(), component.getConfiguration()));
    }

    static void apply(HubKafkaProperties.Security s, KafkaConfiguration c) {
        c.setSecurityProtocol(s.protocol());
        if (notBlank(s.saslMechanism())) {
            c.setSaslMechanism(s.saslMechanism().strip());
        }
        if (notBlank(s.saslJaasConfig())) {
            c.setSaslJaasConfig(s.saslJaasConfig().strip());
        }
        if (notBlank(s.truststoreLocation())) {
            c.setSslTruststoreLocation(s.truststoreLocation().strip());
        }
        if (notBlank(s.truststorePassword())) {
            c.setSslTruststorePassword(s.truststorePassword().strip());
        }
        if (notBlank(s.truststoreType())) {
            c.setSslTruststoreType(s.truststoreType().strip());
        }
        if (notBlank(s.keystoreLocation())) {
            c.setSslKeystoreLocation(s.keystoreLocation().strip());
        }
        if (notBlank(s.keystorePassword())) {
            c.setSslKeystorePassword(s.keystorePassword().strip());
        }
        if (notBlank(s.keystoreType())) {
            c.setSslKeystoreType(s.keystoreType().strip());
        }
        if (notBlank(s.keyPassword())) {
            c.setSslKeyPassword(s.keyPassword().strip());
        }
        if (s.endpointIdentification() != null) {
            c.setSslEndpointAlgorithm(s.endpointIdentification().strip());
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
