package io.crmhub.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When {@code hub.embedded.enabled=true} (the local default), starts the embedded PostgreSQL and Kafka
 * before any bean exists and points the hub's connection settings at them, so the rest of the
 * application is configured exactly as in production: through properties only.
 */
public class EmbeddedEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "crm-hub-embedded";
    /** Embedded PostgreSQL trusts local connections; the password exists because Debezium requires one. */
    public static final String EMBEDDED_PASSWORD = "postgres";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("hub.embedded.enabled", Boolean.class, false)) {
            return;
        }
        int pgPort = env.getProperty("hub.embedded.postgres-port", Integer.class, 0);
        String crmDb = env.getProperty("hub.embedded.crm-database", "crm");
        String erpDb = env.getProperty("hub.embedded.erp-database", "erp");
        EmbeddedInfrastructure.Endpoints ep = EmbeddedInfrastructure.start(pgPort, crmDb, erpDb);

        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", ep.jdbcUrl(crmDb));
        props.put("spring.datasource.username", ep.postgresUser());
        props.put("spring.datasource.password", EMBEDDED_PASSWORD);
        props.put("hub.connectors.erp.host", ep.postgresHost());
        props.put("hub.connectors.erp.port", ep.postgresPort());
        props.put("hub.connectors.erp.database", erpDb);
        props.put("hub.connectors.erp.user", ep.postgresUser());
        props.put("hub.connectors.erp.password", EMBEDDED_PASSWORD);
        props.put("hub.kafka.brokers", ep.kafkaBrokers());
        props.put("info.embedded.postgres", ep.postgresHost() + ":" + ep.postgresPort());
        props.put("info.embedded.kafka", ep.kafkaBrokers());
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
    }

    @Override
    public int getOrder() {
        // after config data (application*.yaml) so hub.embedded.* can be read from it
        return Ordered.LOWEST_PRECEDENCE;
    }
}
