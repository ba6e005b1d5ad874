package io.crmhub.connector.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * Runs a Debezium engine and hands each of its batches to the route as one exchange (body: the batch's
 * {@link SourceRecord}s, in source order). Only once the route has completed the whole batch are its records marked
 * processed and the batch finished, which lets the engine's offset commit policy write the position; a batch whose
 * exchange failed is thrown back to the engine ({@link RecordNotDeliveredException}) unacknowledged, the engine
 * stops, and this consumer starts a new one after {@link #RESTART_DELAY_MS}, which reads the batch again (the store
 * ignores what it already has).
 *
 * <p>Stops in order: {@link #drain()} lets the batch in flight finish (and its offsets be flushed), refuses the
 * next one, and only then closes the engine. When the route itself was stopped first (an operator stopping a
 * {@code master:} route), the batch then in the route fails and is not acknowledged either.
 */
public class GracefulDebeziumConsumer extends DefaultConsumer
        implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

    /** Pause before a failed engine is replaced: long enough not to spin on a broker outage, short enough to catch up. */
    static final long RESTART_DELAY_MS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(GracefulDebeziumConsumer.class);

    private final GracefulDebeziumEndpoint endpoint;
    private final EngineSource source;
    private final long drainTimeoutMs;
    private final ReentrantLock delivering = new ReentrantLock();
    private volatile boolean draining;
    private volatile CountDownLatch engineClosed = new CountDownLatch(0);
    private volatile EngineFailure failure;
    private ExecutorService executor;
    private DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;

    GracefulDebeziumConsumer(GracefulDebeziumEndpoint endpoint, DebeziumEndpoint<?> debezium, Processor processor,
            long drainTimeoutMs) {
        this(endpoint, EngineSource.of(debezium), processor, drainTimeoutMs);
    }

    GracefulDebeziumConsumer(GracefulDebeziumEndpoint endpoint, EngineSource source, Processor processor,
            long drainTimeoutMs) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.source = source;
        this.drainTimeoutMs = drainTimeoutMs;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        draining = false;
        engineClosed = new CountDownLatch(1);
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "DebeziumConsumer");
        executor.submit(this::runEngines);
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
     * One engine at a time until drained; an engine that ended on its own is replaced after a pause. If it ended
     * because a batch failed in the route (not acknowledged, to be read again), that is a retry; any other end is the
     * engine's death and is reported by {@link #failure()} until a new engine has started.
     */
    private void runEngines() {
        while (true) {
            AtomicReference<Throwable> ended = new AtomicReference<>();
            try {
                DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> next;
                synchronized (this) {
                    if (draining) {
                        return;
                    }
                    next = DebeziumEngine.create(Connect.class)
                            .using(source.engineProperties().get())
                            .using(new DebeziumEngine.ConnectorCallback() {
                                @Override
                                public void taskStarted() {
                                    failure = null; // capturing again
                                }
                            })
                            .using((success, message, error) -> ended.compareAndSet(null, error))
                            .notifying(this)
                            .build();
                    engine = next;
                }
                next.run();
            } catch (Throwable e) {
                ended.compareAndSet(null, e);
                LOG.error("Debezium engine of {} has failed: {}", source.name(), e.getClass().getName());
            }
            if (!draining) {
                if (!undelivered(ended.get())) {
                    failure = EngineFailure.of(ended.get());
                    LOG.error("Debezium engine of {} died ({}): capture is DOWN until a new engine starts",
                            source.name(), failure.reason());
                }
                LOG.warn("Debezium engine of {} stopped unexpectedly; a new one starts in {} ms and reads again what "
                        + "was not acknowledged", source.name(), RESTART_DELAY_MS);
                awaitQuietly(RESTART_DELAY_MS);
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // the executor is shutting down
            }
        }
    }

    private static boolean undelivered(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordNotDeliveredException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why this consumer's last engine ended on its own, while no engine of it has started since; null while capturing
     * (or starting). The hub's {@code erpCdc} health turns DOWN on it, which makes readiness DOWN and the leadership
     * guard stop the route and release the leadership.
     */
    public EngineFailure failure() {
        return failure;
    }

    /**
     * Stops taking batches, waits (up to the drain timeout) for the one in the route, then closes the engine.
     * Idempotent; called before the route is stopped (so the route's processors still run) and again on stop.
     */
    public void drain() {
        draining = true;
        try {
            if (delivering.tryLock(drainTimeoutMs, TimeUnit.MILLISECONDS)) {
                delivering.unlock();
            } else {
                LOG.warn("A batch of {} is still in the route after {} ms; stopping anyway: it is not acknowledged "
                        + "and will be read again", source.name(), drainTimeoutMs);
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

    /**
     * Called by the engine's polling thread with one batch, in source order. The lock is held until the offsets are
     * marked, so a drain waits for the acknowledgement too, not only for the route.
     */
    @Override
    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> events,
            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        delivering.lock();
        if (draining) {
            delivering.unlock();
            refuse();
        }
        try {
            deliver(events.stream().map(ChangeEvent::value).toList());
            for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
                committer.markProcessed(event);
            }
            committer.markBatchFinished();
        } finally {
            delivering.unlock();
        }
    }

    private void deliver(List<SourceRecord> records) {
        Exchange exchange = getEndpoint().createExchange();
        exchange.getMessage().setBody(records);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null && stopping(failure)) {
            throw new RecordNotDeliveredException("batch of " + records.size() + " changes interrupted by the stop of "
                    + source.name() + ": not acknowledged, read again after the restart", failure);
        }
        if (failure != null) {
            // the type only: a driver's or broker's message may quote the record
            LOG.warn("A batch of {} changes of {} failed in the route ({}): not acknowledged, read again",
                    records.size(), source.name(), failure.getClass().getName());
            throw new RecordNotDeliveredException("batch of " + records.size() + " changes of "
                    + source.name() + " failed: not acknowledged, read again", failure);
        }
    }

    /**
     * A failure caused by a stop, not by the batch: this consumer drains, the engine interrupted the thread, or the
     * route's processors were stopped first (Camel stops a {@code master:} route's processors before the consumer
     * inside it, and a stopped error handler rejects the exchange).
     */
    private boolean stopping(Exception failure) {
        return draining || Thread.currentThread().isInterrupted() || failure instanceof RejectedExecutionException
                || getProcessor() instanceof StatefulService route && !route.isRunAllowed();
    }

    /**
     * A batch that arrives while draining is not delivered. The polling thread waits here until the engine's
     * close interrupts it, so the engine stops as it does from a quiet poll, without reporting a failure.
     */
    private void refuse() {
        awaitQuietly(Long.MAX_VALUE);
        throw new RecordNotDeliveredException("consumer of " + source.name()
                + " is stopping: batch not delivered, read again after the restart", null);
    }

    private void awaitQuietly(long ms) {
        try {
            engineClosed.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
