package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.config.EmbeddedInfrastructure;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.simulator.ErpSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The prod profile takes every address and secret from environment variables and starts nothing
 * embedded. The servers started here for the test play the company's "external" PostgreSQL and Kafka;
 * the variables are passed as default properties, the lowest-precedence source, as the environment would be.
 */
class ProdProfileIT {

    @Test
    void prodProfileRunsAgainstExternalServersFromEnvironmentVariablesOnly() {
        EmbeddedInfrastructure.Endpoints external = EmbeddedInfrastructure.start(0, "crm", "erp");
        Map<String, Object> environment = Map.ofEntries(
                Map.entry("CRM_DB_URL", external.jdbcUrl("crm")), Map.entry("CRM_DB_USER", "postgres"),
                Map.entry("CRM_DB_PASSWORD", "postgres"), Map.entry("KAFKA_BOOTSTRAP_SERVERS", external.kafkaBrokers()),
                Map.entry("KAFKA_TOPIC_PARTITIONS", "3"), Map.entry("KAFKA_TOPIC_REPLICATION", "1"),
                Map.entry("ERP_DB_HOST", external.postgresHost()),
                Map.entry("ERP_DB_PORT", String.valueOf(external.postgresPort())), Map.entry("ERP_DB_NAME", "erp"),
                Map.entry("ERP_DB_USER", "postgres"), Map.entry("ERP_DB_PASSWORD", "postgres"),
                // the embedded PostgreSQL and Kafka have no TLS: this test says so (prod requires verify-full and SASL_SSL)
                Map.entry("DB_SSL_MODE", "disable"), Map.entry("DB_SSL_REQUIRE_VERIFY_FULL", "false"),
                Map.entry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"));
        // the company's ERP exists before the hub does
        new ResourceDatabasePopulator(new ClassPathResource("simulator/erp-schema.sql"))
                .execute(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        external.jdbcUrl("erp"), "postgres", "postgres"));

        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("prod")
                .properties(environment)
                .run("--server.port=0", "--management.server.port=0");
             ErpDatabase erp = new ErpDatabase(hub.getBean(ErpConnectorProperties.class))) {
            assertThat(hub.getEnvironment().getPropertySources().contains("crm-hub-embedded")).isFalse();
            assertThat(hub.getBeanNamesForType(ErpSimulator.class)).isEmpty();
            assertThat(hub.getEnvironment().getProperty("hawtio.authenticationEnabled")).isEqualTo("true");

            await().atMost(Duration.ofSeconds(90)).until(erp::isStreaming);
            String number = "PROD-" + UUID.randomUUID().toString().substring(0, 8);
            long id = erp.insert("customers", Map.of("customer_no", number, "kind", "C",
                    "name", "Globex Industrial GmbH", "status", "ACTIVE"));
            JdbcTemplate crm = new JdbcTemplate(hub.getBean(javax.sql.DataSource.class));
            await().atMost(Duration.ofSeconds(60)).until(() -> crm.queryForObject(
                    "SELECT count(*) FROM customer_record WHERE source_key = ? AND number = ?", Long.class,
                    String.valueOf(id), number) == 1);
        }
    }
}
