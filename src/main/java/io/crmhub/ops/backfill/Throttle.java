package io.crmhub.ops.backfill;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces records to at most {@code rate} per second (0 = no limit), so a backfill leaves room for live changes. A
 * chunk of n records goes when its last record may: record i of the run never before {@code i / rate} seconds.
 */
final class Throttle {

    private final long intervalNanos;
    private long next;

    Throttle(double rate) {
        this.intervalNanos = rate <= 0 ? 0 : (long) (1_000_000_000L / rate);
        this.next = System.nanoTime();
    }

    void acquire() {
        acquire(1);
    }

    /** Waits until a chunk of {@code records} may be applied. */
    void acquire(int records) {
        if (intervalNanos == 0 || records <= 0) {
            return;
        }
        long ready = next + (records - 1) * intervalNanos;
        long now;
        while ((now = System.nanoTime()) < ready) {
            LockSupport.parkNanos(ready - now); // may return early: check again
        }
        next = Math.max(ready, now) + intervalNanos;
    }
}
