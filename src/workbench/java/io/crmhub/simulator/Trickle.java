package io.crmhub.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The steady background activity of a demo source: one daemon thread running a task at a fixed pace, so a
 * simulator never keeps the JVM alive nor outlives its context.
 */
public final class Trickle {

    private final ScheduledExecutorService scheduler;

    private Trickle(String name, Runnable task, long initialDelayMicros, long periodMicros) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(task, initialDelayMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Runs {@code task} {@code perSecond} times a second after {@code initialDelayMillis}. */
    public static Trickle perSecond(String name, double perSecond, long initialDelayMillis, Runnable task) {
        long period = Math.max(1, (long) (1_000_000 / perSecond));
        return new Trickle(name, task, initialDelayMillis * 1000, period);
    }

    /** Runs {@code task} every {@code intervalMillis}, the first time after one interval. */
    public static Trickle every(String name, long intervalMillis, Runnable task) {
        return new Trickle(name, task, intervalMillis * 1000, intervalMillis * 1000);
    }

    public void stop() {
        scheduler.shutdownNow();
    }
}
