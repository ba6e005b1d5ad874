package io.crmhub.connector.debezium;

import org.apache.camel.CamelContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On shutdown, drains the Debezium consumers while every route still runs: Spring publishes the close event before
 * it stops Camel, and Camel would stop a {@code master:} route's processors before the Debezium consumer inside it.
 */
@Component
class GracefulDebeziumShutdown {

    private final CamelContext camel;

    GracefulDebeziumShutdown(CamelContext camel) {
        this.camel = camel;
    }

    @EventListener(ContextClosedEvent.class)
    public void drainBeforeCamelStops() {
        camel.getEndpoints().stream().filter(GracefulDebeziumEndpoint.class::isInstance)
                .map(GracefulDebeziumEndpoint.class::cast).forEach(GracefulDebeziumEndpoint::drain);
    }
}
