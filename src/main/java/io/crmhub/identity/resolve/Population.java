package io.crmhub.identity.resolve;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many records term frequencies are relative to. Counting identity_link on every change would cost a scan, so
 * an estimate is used, refreshed at most every few seconds: the larger of the statistics system's running count of
 * live rows ({@code n_live_tup}: inserts minus deletes, current within about a second, no VACUUM or ANALYZE needed)
 * and the planner's {@code reltuples} (kept across a crash, which loses the running counts). A floor keeps a young
 * store from treating every value as common: with 3 records, any shared value is carried by a third of them, which
 * would weigh every agreement near zero. Only when both say the store is below the floor are rows counted, and
 * never more than the floor's worth: the planner's figure stays unknown until autovacuum first analyses the table,
 * and a store taking its first hundreds of thousands of records used to count all of them every five seconds,
 * inside a store batch.
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
        Long estimated = jdbc.queryForObject("""
                SELECT greatest(pg_stat_get_live_tuples(c.oid), c.reltuples::bigint, 0)
                FROM pg_class c WHERE c.oid = 'identity_link'::regclass
                """, Long.class);
        long estimate = estimated == null ? 0 : estimated;
        if (estimate > FLOOR) {
            return estimate;
        }
        Long counted = jdbc.queryForObject("SELECT count(*) FROM (SELECT FROM identity_link LIMIT ?) l", Long.class,
                FLOOR + 1);
        return Math.max(estimate, counted == null ? 0 : counted);
    }
}
