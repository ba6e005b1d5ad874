package io.crmhub.connector.database;

import io.crmhub.connector.debezium.EngineFailure;
import io.crmhub.connector.debezium.GracefulDebeziumEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code databaseCdc}: like {@code erpCdc}, DOWN while the Debezium engine of any database source
 * ({@code hub.connectors.databases}) has ended on its own and no new one has started; details per source. In the
 * readiness group and {@code hub.cluster.health-indicators}, so a pod whose binlog reader died hands capture over.
 */
@Component("databaseCdcHealthIndicator")
public class DatabaseCdcHealthIndicator implements HealthIndicator {

    private final CamelContext camel;
    private final DatabaseSourcesProperties sources;

    public DatabaseCdcHealthIndicator(CamelContext camel, DatabaseSourcesProperties sources) {
        this.camel = camel;
        this.sources = sources;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = false;
        for (DatabaseSource source : sources.databases()) {
            if (!source.enabled()) {
                continue;
            }
            Optional<EngineFailure> failure = GracefulDebeziumEndpoint.failureOf(camel, source.routeId());
            down |= failure.isPresent();
            details.put(source.name(), failure.<Object>map(f -> Map.of("engineFailedAt", f.since(),
                    "reason", f.reason())).orElseGet(() -> Map.of("capturing",
                    GracefulDebeziumEndpoint.isCapturing(camel, source.routeId()))));
        }
        return (down ? Health.down() : Health.up()).withDetails(details).build();
    }
}
