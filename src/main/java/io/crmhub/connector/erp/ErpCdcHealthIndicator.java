package io.crmhub.connector.erp;

import io.crmhub.connector.debezium.EngineFailure;
import io.crmhub.connector.debezium.GracefulDebeziumEndpoint;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code erpCdc}: DOWN from the moment this pod's Debezium engine ends on its own until a new one
 * has started, or until the route has been stopped for 5 s (the pause before this pod competes again). It is in the readiness group, and in {@code hub.cluster.health-indicators},
 * so the leadership guard stops the singleton routes and releases their leadership: another pod (or this one, once
 * healthy again) takes over capture instead of the route staying "up" around a dead engine.
 */
@Component("erpCdcHealthIndicator")
public class ErpCdcHealthIndicator implements HealthIndicator {

    static final String ROUTE = "erp-cdc-capture";

    private final CamelContext camel;

    public ErpCdcHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        Optional<EngineFailure> failure = GracefulDebeziumEndpoint.failureOf(camel, ROUTE);
        if (failure.isPresent()) {
            return Health.down().withDetail("route", ROUTE).withDetail("engineFailedAt", failure.get().since())
                    .withDetail("reason", failure.get().reason()).build();
        }
        return Health.up().withDetail("route", ROUTE).withDetail("capturing",
                GracefulDebeziumEndpoint.isCapturing(camel, ROUTE)).build();
    }
}
