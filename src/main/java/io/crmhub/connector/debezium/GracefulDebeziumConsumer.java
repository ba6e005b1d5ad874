package io.crmhub.connector.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.StatefulService;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Debezium engine and hands each change to the route, like Camel's {@code DebeziumConsumer}, but stops in
 * order: {@link #drain()} lets the change in flight finish, refuses the next one, and only then closes the engine,
 * which commits the offset of the last delivered change. A change refused or failed while stopping is thrown back
 * to the engine ({@link RecordNotDeliveredException}), so its offset is not committed and it is read again after
 * the restart; the store makes that repeat harmless. When the route itself was stopped first (an operator stopping a
 * {@code master:} route), the engine fails on that change and stops, having committed only delivered changes.
 */
public class GracefulDebeziumConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulDebeziumConsumer.class);

    private final GracefulDebeziumEndpoint endpoint;
    private final DebeziumEndpoint<?> debezium;
    private final long drainTimeoutMs;
    private final ReentrantLock delivering = new ReentrantLock();
    private volatile boolean draining;
    private volatile CountDownLatch engineClosed = new CountDownLatch(0);
    private ExecutorService executor;
    private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;

    GracefulDebeziumConsumer(GracefulDebeziumEndpoint endpoint, DebeziumEndpoint<?> debezium, Processor processor,
            long drainTimeoutMs) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.debezium = debezium;
        this.drainTimeoutMs = drainTimeoutMs;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        draining = false;
        engineClosed = new CountDownLatch(1);
        executor = debezium.createExecutor(this);
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> started = DebeziumEngine.create(Connect.class)
                .using(debezium.getConfiguration().createDebeziumConfiguration().asProperties())
                .notifying(this::onChange)
                .build();
        engine = started;
        executor.submit(() -> {
            try {
                started.run();
            } catch (Throwable e) {
                LOG.error("Debezium engine of {} has failed: {}", debezium.getEndpointBaseUri(), e.toString());
            }
        });
        endpoint.started(this);
    }

    @Override
    protected void doStop() throws Exception {
        drain();
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
        endpoint.stopped(this);
        super.doStop();
    }

    /**
     * Stops taking changes, waits (up to the drain timeout) for the one in the route, then closes the engine.
     * Idempotent; called before the route is stopped (so the route's processors still run) and again on stop.
     */
    public void drain() {
        draining = true;
        try {
            if (delivering.tryLock(drainTimeoutMs, TimeUnit.MILLISECONDS)) {
                delivering.unlock();
            } else {
                LOG.warn("A change of {} is still in the route after {} ms; stopping anyway: it is not acknowledged "
                        + "and will be read again", debezium.getEndpointBaseUri(), drainTimeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeEngine();
    }

    private synchronized void closeEngine() {
        if (engine != null) {
            try {
                engine.close();
            } catch (Exception | Error e) {
                LOG.debug("Debezium engine close: {}", e.toString());
            }
            engine = null;
        }
        engineClosed.countDown();
    }

    /** Called by the engine's polling thread, one change at a time, in source order. */
    private void onChange(ChangeEvent<SourceRecord, SourceRecord> event) {
        delivering.lock();
        if (draining) {
            delivering.unlock();
            refuse();
        }
        try {
            deliver(event.value());
        } finally {
            delivering.unlock();
        }
    }

    private void deliver(SourceRecord record) {
        Exchange exchange = debezium.createDbzExchange(null, record);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null && stopping(failure)) {
            throw new RecordNotDeliveredException("change interrupted by the stop of " + debezium.getEndpointBaseUri()
                    + ": not acknowledged, read again after the restart", failure);
        }
        if (failure != null) {
            getExceptionHandler().handleException("Error processing exchange", exchange, failure);
        }
    }

    /**
     * A failure caused by a stop, not by the change: this consumer drains, the engine interrupted the thread, or the
     * route's processors were stopped first (Camel stops a {@code master:} route's processors before the consumer
     * inside it, and a stopped error handler rejects the exchange).
     */
    private boolean stopping(Exception failure) {
        return draining || Thread.currentThread().isInterrupted() || failure instanceof RejectedExecutionException
                || getProcessor() instanceof StatefulService route && !route.isRunAllowed();
    }

    /**
     * A change that arrives while draining is not delivered. The polling thread waits here until the engine's
     * close interrupts it, so the engine stops as it does from a quiet poll, without reporting a failure.
     */
    private void refuse() {
        try {
            engineClosed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new RecordNotDeliveredException("consumer of " + debezium.getEndpointBaseUri()
                + " is stopping: change not delivered, read again after the restart", null);
    }
}
