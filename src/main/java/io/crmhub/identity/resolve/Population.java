package io.crmhub.identity.resolve;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many records term frequencies are relative to. Counting identity_link on every change would cost a
 * scan, so the planner's estimate is used, refreshed at most every few seconds, and exact counts while the
 * table is small. A floor keeps a young store from treating every value as common: with 3 records, any
 * shared value is carried by a third of them, which would weigh every agreement near zero.
 */
@Component
class Population {

    static final long FLOOR = 10_000;
    private static final long REFRESH_NANOS = 5_000_000_000L;

    private final JdbcTemplate jdbc;
    private final AtomicLong value = new AtomicLong(-1);
    private final AtomicLong readAt = new AtomicLong();

    Population(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long estimate() {
        long now = System.nanoTime();
        long last = readAt.get();
        if (value.get() < 0 || (now - last > REFRESH_NANOS && readAt.compareAndSet(last, now))) {
            value.set(read());
        }
        return Math.max(FLOOR, value.get());
    }

    private long read() {
        Long planned = jdbc.queryForObject(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = 'identity_link'::regclass", Long.class);
        if (planned != null && planned > FLOOR) {
            return planned;
        }
        Long exact = jdbc.queryForObject("SELECT count(*) FROM identity_link", Long.class);
        return exact == null ? 0 : exact;
    }
}
