package io.crmhub.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ties a hub context to the embedded servers: says where they listen once logging is up, and makes sure
 * the context is closed, and done closing, before the servers stop at JVM exit.
 */
@Component
@ConditionalOnProperty(name = "hub.embedded.enabled", havingValue = "true")
public class EmbeddedInfrastructureLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructureLifecycle.class);
    private final ConfigurableApplicationContext context;

    public EmbeddedInfrastructureLifecycle(ConfigurableApplicationContext context) {
        this.context = context;
        EmbeddedInfrastructure.register(context);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void on(ApplicationReadyEvent event) {
        if (event.getApplicationContext() == context) {
            EmbeddedInfrastructure.Endpoints ep = EmbeddedInfrastructure.endpoints();
            LOG.info("Embedded PostgreSQL: psql -h {} -p {} -U {} erp (CRM store: database crm); "
                    + "embedded Kafka: {}", ep.postgresHost(), ep.postgresPort(), ep.postgresUser(),
                    ep.kafkaBrokers());
        }
    }
}
