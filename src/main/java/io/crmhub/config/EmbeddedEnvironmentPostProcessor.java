package io.crmhub.config;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * When {@code hub.embedded.enabled=true} (the local default), starts the embedded PostgreSQL and Kafka
 * before any bean exists and points the hub's connection settings at them, so the rest of the
 * application is configured exactly as in production: through properties only. The servers start in the
 * background; the settings wait for them when first read.
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
        CompletableFuture<EmbeddedInfrastructure.Endpoints> servers =
                EmbeddedInfrastructure.startInBackground(pgPort, crmDb, erpDb);
        env.getPropertySources().addFirst(new EmbeddedServersPropertySource(servers, crmDb, erpDb));
    }

    /**
     * Where the embedded servers listen, read when first asked for: the servers start while Spring reads its
     * configuration classes and creates the first beans, and the first bean that needs an address (the CRM store's
     * data source, as a rule) waits for them.
     */
    static final class EmbeddedServersPropertySource
            extends EnumerablePropertySource<CompletableFuture<EmbeddedInfrastructure.Endpoints>> {

        private static final String[] NAMES = {"spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "hub.connectors.erp.host", "hub.connectors.erp.port",
            "hub.connectors.erp.database", "hub.connectors.erp.user", "hub.connectors.erp.password",
            "hub.kafka.brokers", "info.embedded.postgres", "info.embedded.kafka"};
        private final String crmDb;
        private final String erpDb;

        EmbeddedServersPropertySource(CompletableFuture<EmbeddedInfrastructure.Endpoints> servers, String crmDb,
                String erpDb) {
            super(SOURCE_NAME, servers);
            this.crmDb = crmDb;
            this.erpDb = erpDb;
        }

        @Override
        public String[] getPropertyNames() {
            return NAMES.clone();
        }

        @Override
        public Object getProperty(String name) {
            return switch (name) {
                case "spring.datasource.url" -> endpoints().jdbcUrl(crmDb);
                case "spring.datasource.username", "hub.connectors.erp.user" -> endpoints().postgresUser();
                case "spring.datasource.password", "hub.connectors.erp.password" -> EMBEDDED_PASSWORD;
                case "hub.connectors.erp.host" -> endpoints().postgresHost();
                case "hub.connectors.erp.port" -> endpoints().postgresPort();
                case "hub.connectors.erp.database" -> erpDb;
                case "hub.kafka.brokers", "info.embedded.kafka" -> endpoints().kafkaBrokers();
                case "info.embedded.postgres" -> endpoints().postgresHost() + ":" + endpoints().postgresPort();
                default -> null;
            };
        }

        private EmbeddedInfrastructure.Endpoints endpoints() {
            try {
                return getSource().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    @Override
    public int getOrder() {
        // after config data (application*.yaml) so hub.embedded.* can be read from it
        return Ordered.LOWEST_PRECEDENCE;
    }
}
