package io.crmhub.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub contexts using the embedded servers. Before the servers stop, each must be closed and done closing: its
 * Camel routes stopped, so every Kafka consumer has committed and left its group while the broker is still there.
 * A context's {@code ContextClosedEvent} comes at the start of its close, seconds before its consumers are stopped,
 * so "closed" is taken from {@link ConfigurableApplicationContext#isActive()} turning false at the end. Held weakly: a
 * test's closed contexts are not kept alive until JVM exit.
 */
final class EmbeddedDependents {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDependents.class);
    private static final long POLL_MS = 20;
    private static final Duration CLOSER_GRACE = Duration.ofSeconds(2);
    private final Set<ConfigurableApplicationContext> contexts = Collections.newSetFromMap(new WeakHashMap<>());

    synchronized void add(ConfigurableApplicationContext context) {
        contexts.add(context);
    }

    /**
     * Waits until every context is closed and done closing. At JVM exit Spring's shutdown hook closes them, in a thread
     * of its own that starts with this one: a context it does not close within {@code CLOSER_GRACE} (a test's, or
     * one started with {@code spring.main.register-shutdown-hook=false}) is closed here. Two threads closing one
     * context do not wait for each other: Spring interrupts a closing thread it takes for stuck, and returns.
     */
    void closeAll(Duration timeout) {
        List<ConfigurableApplicationContext> open;
        synchronized (this) {
            open = new ArrayList<>(contexts);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ConfigurableApplicationContext context : open) {
            if (!context.isActive()) {
                continue;
            }
            if (!awaitUntil(context::isClosed, System.nanoTime() + CLOSER_GRACE.toNanos())) {
                try {
                    context.close();
                } catch (RuntimeException e) {
                    LOG.warn("hub context did not close cleanly: {}", e.toString());
                }
            }
            if (!awaitUntil(() -> !context.isActive(), deadline)) {
                LOG.warn("hub context {} still closing after {} s; stopping the embedded servers anyway",
                        context.getId(), timeout.toSeconds());
            }
        }
    }

    private static boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean() && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return condition.getAsBoolean();
    }
}
