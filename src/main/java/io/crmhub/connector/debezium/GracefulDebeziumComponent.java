package io.crmhub.connector.debezium;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * Component {@code graceful-debezium}: {@code graceful-debezium:debezium-postgres:erp} consumes the endpoint
 * {@code debezium-postgres:erp}, configured as usual, one exchange per Debezium batch, and stops without losing the
 * batch in flight.
 */
public class GracefulDebeziumComponent extends DefaultComponent {

    private final long drainTimeoutMs;

    /** @param drainTimeoutMs longest wait on stop for the batch in the route before the engine is closed anyway */
    public GracefulDebeziumComponent(long drainTimeoutMs) {
        this.drainTimeoutMs = drainTimeoutMs;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        DebeziumEndpoint<?> debezium = getCamelContext().getEndpoint(remaining, DebeziumEndpoint.class);
        if (debezium == null) {
            throw new IllegalArgumentException("graceful-debezium needs a Debezium endpoint, not '" + remaining + "'");
        }
        return new GracefulDebeziumEndpoint(uri, this, debezium, drainTimeoutMs);
    }
}
