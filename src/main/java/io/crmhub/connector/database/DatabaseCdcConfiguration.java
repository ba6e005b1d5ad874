package io.crmhub.connector.database;

import io.crmhub.connector.CdcLagMetrics;
import io.crmhub.connector.debezium.EngineSource;
import io.crmhub.connector.debezium.GracefulDebeziumComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One capture route per database source ({@code hub.connectors.databases}): the route template
 * {@code database-cdc-capture} (routes/) instantiated as {@code <name>-db-cdc-capture}, reading
 * {@code graceful-debezium:source:<name>}, whose engine configuration {@link DatabaseEngineProperties} builds.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseCdcConfiguration {

    static final String TEMPLATE = "database-cdc-capture";

    @Bean
    CamelContextConfiguration databaseSourceRoutes(DatabaseSourcesProperties sources, DataSourceProperties crmStore,
            CdcLagMetrics lag, @Value("${hub.backfill.source:}") String backfillSource) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                if (sources.databases().isEmpty() || !backfillSource.isBlank()) {
                    // backfill mode (BackfillModeEnvironment): no live capture beside the running hub
                    return;
                }
                GracefulDebeziumComponent graceful = camel.getComponent("graceful-debezium",
                        GracefulDebeziumComponent.class);
                for (DatabaseSource source : sources.databases()) {
                    if (!source.enabled()) {
                        continue; // validated, but nothing to run: no route competes for its leadership
                    }
                    graceful.register(source.name(), new EngineSource(source.name(),
                            () -> DatabaseEngineProperties.of(source, crmStore)));
                    lag.exportDebeziumStreaming(source.name(), source.kind().jmxDomain, source.name());
                    TemplatedRouteBuilder.builder(camel, TEMPLATE)
                            .routeId(source.routeId())
                            .parameter("source", source.name())
                            .add();
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing after start
            }
        };
    }
}
