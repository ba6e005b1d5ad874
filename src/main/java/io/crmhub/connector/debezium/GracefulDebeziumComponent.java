package io.crmhub.connector.debezium;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * Component {@code graceful-debezium}: {@code graceful-debezium:debezium-postgres:erp} consumes the endpoint
 * {@code debezium-postgres:erp}, configured as usual, one exchange per Debezium batch, and stops without losing the
 * batch in flight. {@code graceful-debezium:source:<name>} does the same for an engine the hub configures itself
 * ({@link #register}), such as a MySQL/MariaDB database source (io.crmhub.connector.database).
 */
public class GracefulDebeziumComponent extends DefaultComponent {

    static final String SOURCE_PREFIX = "source:";

    private final long drainTimeoutMs;
    private final Map<String, EngineSource> sources = new ConcurrentHashMap<>();

    /** @param drainTimeoutMs longest wait on stop for the batch in the route before the engine is closed anyway */
    public GracefulDebeziumComponent(long drainTimeoutMs) {
        this.drainTimeoutMs = drainTimeoutMs;
    }

    /** Makes {@code graceful-debezium:source:<name>} run the given engine configuration. */
    public void register(String name, EngineSource source) {
        sources.put(name, source);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (remaining.startsWith(SOURCE_PREFIX)) {
            String name = remaining.substring(SOURCE_PREFIX.length());
            EngineSource source = sources.get(name);
            if (source == null) {
                throw new IllegalArgumentException("graceful-debezium: no database source named '" + name + "'");
            }
            return new GracefulDebeziumEndpoint(uri, this, source, drainTimeoutMs);
        }
        DebeziumEndpoint<?> debezium = getCamelContext().getEndpoint(remaining, DebeziumEndpoint.class);
        if (debezium == null) {
            throw new IllegalArgumentException("graceful-debezium needs a Debezium endpoint, not '" + remaining + "'");
        }
        return new GracefulDebeziumEndpoint(uri, this, debezium, drainTimeoutMs);
    }
}
