package io.crmhub.ops.backfill;

import java.util.concurrent.locks.LockSupport;

/** Paces records to at most {@code rate} per second (0 = no limit), so a backfill leaves room for live changes. */
final class Throttle {

    private final long intervalNanos;
    private long next;

    Throttle(double rate) {
        this.intervalNanos = rate <= 0 ? 0 : (long) (1_000_000_000L / rate);
        this.next = System.nanoTime();
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (next > now) {
            LockSupport.parkNanos(next - now);
        }
        next = Math.max(next, now) + intervalNanos;
    }
}
