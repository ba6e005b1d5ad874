package io.crmhub.connector.debezium;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.Route;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.apache.camel.component.master.MasterEndpoint;
import org.apache.camel.support.DefaultEndpoint;

/** {@code graceful-debezium:<debezium uri>}: consumes the wrapped Debezium endpoint with a draining consumer. */
public class GracefulDebeziumEndpoint extends DefaultEndpoint {

    private final EngineSource source;
    private final long drainTimeoutMs;
    private final Set<GracefulDebeziumConsumer> consumers = new CopyOnWriteArraySet<>();
    private volatile EngineFailure lastFailure;

    GracefulDebeziumEndpoint(String uri, GracefulDebeziumComponent component, DebeziumEndpoint<?> debezium,
            long drainTimeoutMs) {
        this(uri, component, EngineSource.of(debezium), drainTimeoutMs);
    }

    GracefulDebeziumEndpoint(String uri, GracefulDebeziumComponent component, EngineSource source,
            long drainTimeoutMs) {
        super(uri, component);
        this.source = source;
        this.drainTimeoutMs = drainTimeoutMs;
    }

    /**
     * Drains the Debezium consumers behind a route ({@code graceful-debezium:…}, also inside {@code master:…}) before
     * the route is stopped: Camel stops a route's processors before it stops a wrapped consumer, and a change still
     * in the route would then fail instead of being delivered.
     */
    public static void drainRoute(CamelContext camel, String routeId) {
        Route route = camel.getRoute(routeId);
        Endpoint endpoint = route == null ? null : route.getEndpoint();
        if (endpoint instanceof MasterEndpoint master) {
            endpoint = master.getEndpoint();
        }
        if (endpoint instanceof GracefulDebeziumEndpoint graceful) {
            graceful.drain();
        }
    }

    /**
     * The failure of the route's Debezium engine, if it ended on its own and has not started again; empty while it
     * captures, starts, or while no consumer runs (a follower, or a stopped route).
     */
    public static java.util.Optional<EngineFailure> failureOf(CamelContext camel, String routeId) {
        Route route = camel.getRoute(routeId);
        Endpoint endpoint = route == null ? null : route.getEndpoint();
        if (endpoint instanceof MasterEndpoint master) {
            endpoint = master.getEndpoint();
        }
        return endpoint instanceof GracefulDebeziumEndpoint graceful ? graceful.failure()
                : java.util.Optional.empty();
    }

    /**
     * A running consumer's failure; after its route stopped, the failure still counts for
     * {@link GracefulDebeziumConsumer#RESTART_DELAY_MS}: the pause before this pod competes for capture again, so a
     * database that keeps refusing the engine is retried every few seconds, not in a tight loop.
     */
    private java.util.Optional<EngineFailure> failure() {
        java.util.Optional<EngineFailure> current = consumers.stream().map(GracefulDebeziumConsumer::failure)
                .filter(java.util.Objects::nonNull).findFirst();
        EngineFailure last = lastFailure;
        return current.isPresent() || last == null || last.since().isBefore(java.time.Instant.now()
                .minusMillis(GracefulDebeziumConsumer.RESTART_DELAY_MS)) ? current : java.util.Optional.of(last);
    }

    /** Whether a consumer of the route's engine runs here (this pod leads, the route is started). */
    public static boolean isCapturing(CamelContext camel, String routeId) {
        Route route = camel.getRoute(routeId);
        Endpoint endpoint = route == null ? null : route.getEndpoint();
        if (endpoint instanceof MasterEndpoint master) {
            endpoint = master.getEndpoint();
        }
        return endpoint instanceof GracefulDebeziumEndpoint graceful && !graceful.consumers.isEmpty();
    }

    /** Drains every consumer of this endpoint (see {@link GracefulDebeziumConsumer#drain()}). */
    public void drain() {
        consumers.forEach(GracefulDebeziumConsumer::drain);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GracefulDebeziumConsumer consumer = new GracefulDebeziumConsumer(this, source, processor, drainTimeoutMs);
        configureConsumer(consumer);
        return consumer;
    }

    void started(GracefulDebeziumConsumer consumer) {
        consumers.add(consumer);
    }

    void stopped(GracefulDebeziumConsumer consumer) {
        if (consumer.failure() != null) {
            lastFailure = consumer.failure();
        }
        consumers.remove(consumer);
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("graceful-debezium endpoints only consume");
    }

    @Override
    public boolean isRemote() {
        return true;
    }
}
