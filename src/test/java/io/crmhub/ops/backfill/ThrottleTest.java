package io.crmhub.ops.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pages are paced by their records: record i of a run never goes before i / rate seconds. */
class ThrottleTest {

    @Test
    void aChunkGoesWhenItsLastRecordMay() {
        Throttle throttle = new Throttle(100); // 10 ms per record
        long start = System.nanoTime();
        throttle.acquire(4); // records 0-3: at 30 ms
        throttle.acquire(4); // records 4-7: at 70 ms
        throttle.acquire(3); // records 8-10: at 100 ms
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(100);
    }

    @Test
    void unthrottledNeverWaits() {
        Throttle throttle = new Throttle(0);
        long start = System.nanoTime();
        throttle.acquire(1_000_000);
        assertThat((System.nanoTime() - start) / 1e6).isLessThan(50);
    }
}
