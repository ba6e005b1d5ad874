package io.crmhub.kpi;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One golden customer's RFM scores, segment and grade (docs/kpis.md, "Per customer") without ranking the whole
 * customer base on every request. Quintiles and revenue shares are positions among every customer with a won order
 * up to asOf, so a {@link Population} keeps everybody's figures as of a database snapshot, sorted four ways; a request
 * reads the customers restated since that snapshot ({@code kpi_customer_log}: rows the snapshot could not see) and
 * their figures now, and corrects the positions by them. The answer is exact — what ranking everybody now would give
 * — at the cost of a binary search plus one small read per request. The population is rebuilt in the background when
 * it grows old or the corrections many, and at once when they are too many to be cheap.
 */
@Component
class KpiScores {

    private static final Logger LOG = LoggerFactory.getLogger(KpiScores.class);
    private static final UUID EVERYTHING = new UUID(0, 0);
    /** Corrections above this: rebuild before answering. */
    static final int MAX_CORRECTIONS = 50_000;
    /** Corrections above this, or a population older than {@link #REFRESH_AGE}: rebuild in the background. */
    static final int REFRESH_CORRECTIONS = 5_000;
    static final Duration REFRESH_AGE = Duration.ofMinutes(2);
    /** A population older than this is not corrected but rebuilt; the log keeps twice as long. */
    static final Duration MAX_AGE = Duration.ofMinutes(30);
    static final Duration LOG_RETENTION = Duration.ofHours(1);
    private static final int KEEP_POPULATIONS = 2;

    private static final String SNAPSHOT = "SELECT pg_current_snapshot()::text";

    private static final String CHANGED = """
            SELECT DISTINCT golden_id FROM kpi_customer_log
            WHERE txid >= pg_snapshot_xmin(CAST(:snapshot AS pg_snapshot))
              AND NOT pg_visible_in_snapshot(txid, CAST(:snapshot AS pg_snapshot))
            """;

    /** The RFM inputs of some customers now, as of :asOf (no row: no won order up to asOf). */
    private static final String FIGURES_OF = """
            SELECT golden_id, :asOf - max(day) AS recency_days, sum(won_orders) AS orders,
                   coalesce(sum(won_revenue), 0) AS revenue,
                   coalesce(sum(won_orders) FILTER (WHERE day > :asOf - 365), 0) AS frequency,
                   coalesce(sum(won_revenue) FILTER (WHERE day > :asOf - 365), 0) AS monetary
            FROM kpi_golden_day
            WHERE golden_id = ANY (CAST(:ids AS uuid[])) AND won_orders > 0 AND day <= :asOf
            GROUP BY golden_id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Map<LocalDate, Population> populations = new ConcurrentHashMap<>();
    private final Set<LocalDate> rebuilding = ConcurrentHashMap.newKeySet();
    private final Executor background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kpi-scores");
        t.setDaemon(true);
        return t;
    });
    private final Deque<long[]> horizons = new ArrayDeque<>(); // {nanoTime, xmin} samples for pruning the log

    KpiScores(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
            io.crmhub.config.DatabaseLinkProperties links) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        readOnly.setReadOnly(true);
        // hub.database.kpi-statement-timeout: a report's statements are cancelled by the server past this bound
        if (!links.kpiStatementTimeout().isZero()) {
            readOnly.setTimeout((int) Math.max(1, links.kpiStatementTimeout().toSeconds()));
        }
    }

    /** The customer's figures and scores as of the day; scores null without a won order up to it. */
    CustomerKpis customer(UUID golden, LocalDate asOf) {
        for (int attempt = 0; ; attempt++) {
            Population p = population(asOf);
            CustomerKpis answer = readOnly.execute(status -> {
                List<UUID> changed = jdbc.queryForList(CHANGED, new MapSqlParameterSource("snapshot", p.snapshot),
                        UUID.class);
                if (changed.contains(EVERYTHING) || changed.size() > MAX_CORRECTIONS
                        || p.age().compareTo(MAX_AGE) > 0) {
                    return null;
                }
                if (changed.size() > REFRESH_CORRECTIONS || p.age().compareTo(REFRESH_AGE) > 0) {
                    refreshLater(asOf);
                }
                Set<UUID> ids = new HashSet<>(changed);
                ids.add(golden);
                return score(p, golden, figures(ids, asOf));
            });
            if (answer != null) {
                return answer;
            }
            if (attempt > 0) {
                throw new IllegalStateException("customer scores: population as of " + asOf + " keeps going stale");
            }
            populations.remove(asOf, p);
        }
    }

    /** Called by the kpi-gauges-refresh route: forgets what no population can still need from the log. */
    void prune() {
        Long xmin = jdbc.getJdbcTemplate().queryForObject(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class);
        long now = System.nanoTime();
        long[] oldEnough = null;
        synchronized (horizons) {
            horizons.addLast(new long[] {now, xmin});
            while (!horizons.isEmpty() && now - horizons.peekFirst()[0] > LOG_RETENTION.toNanos()) {
                oldEnough = horizons.removeFirst();
            }
        }
        if (oldEnough != null) {
            jdbc.update("DELETE FROM kpi_customer_log WHERE txid < CAST(CAST(:xmin AS text) AS xid8)",
                    new MapSqlParameterSource("xmin", oldEnough[1]));
        }
    }

    private Population population(LocalDate asOf) {
        Population p = populations.get(asOf);
        if (p == null) {
            p = build(asOf);
        }
        return p;
    }

    private void refreshLater(LocalDate asOf) {
        if (rebuilding.add(asOf)) {
            background.execute(() -> {
                try {
                    build(asOf);
                } catch (RuntimeException e) {
                    LOG.warn("customer scores as of {}: background rebuild failed", asOf, e);
                } finally {
                    rebuilding.remove(asOf);
                }
            });
        }
    }

    private Population build(LocalDate asOf) {
        long started = System.nanoTime();
        Population p = readOnly.execute(status -> {
            String snapshot = jdbc.getJdbcTemplate().queryForObject(SNAPSHOT, String.class);
            List<Figures> all = new ArrayList<>();
            jdbc.query(KpiSql.RFM_INPUTS, new MapSqlParameterSource("asOf", asOf), rs -> {
                all.add(Figures.of(rs));
            });
            return new Population(asOf, snapshot, all);
        });
        populations.put(asOf, p);
        while (populations.size() > KEEP_POPULATIONS) {
            populations.values().stream().min(Comparator.comparingLong(x -> x.builtAt))
                    .ifPresent(old -> populations.remove(old.asOf, old));
        }
        LOG.debug("customer scores as of {}: {} customers ranked in {} ms", asOf, p.size(),
                (System.nanoTime() - started) / 1_000_000);
        return p;
    }

    private Map<UUID, Figures> figures(Set<UUID> ids, LocalDate asOf) {
        Map<UUID, Figures> now = new LinkedHashMap<>();
        jdbc.query(FIGURES_OF, new MapSqlParameterSource("asOf", asOf)
                .addValue("ids", ids.stream().map(UUID::toString).toArray(String[]::new)), rs -> {
                    Figures f = Figures.of(rs);
                    now.put(f.golden, f);
                });
        return now;
    }

    /**
     * Positions of {@code golden} among everybody now: the population's count before it, less the changed customers
     * (and itself) as the population had them, plus the changed customers as they are now.
     */
    private static CustomerKpis score(Population p, UUID golden, Map<UUID, Figures> now) {
        Figures me = now.get(golden);
        if (me == null) {
            return CustomerKpis.none(golden, p.asOf);
        }
        List<Figures> then = new ArrayList<>();
        Set<UUID> changed = new HashSet<>(now.keySet());
        changed.add(golden);
        for (UUID id : changed) {
            int i = p.indexOf(id);
            if (i >= 0) {
                then.add(p.figures(i));
            }
        }
        // ids whose figures were read but have none now still count as changed (left the population)
        long n = p.size() - then.size() + now.size();
        int[] scores = new int[3];
        for (Order o : new Order[] {Order.R, Order.F, Order.M}) {
            long before = p.countBefore(o, me);
            for (Figures t : then) {
                if (o.compare(t, me) < 0) {
                    before--;
                }
            }
            for (Figures x : now.values()) {
                if (x != me && o.compare(x, me) < 0) {
                    before++;
                }
            }
            scores[o.ordinal()] = ntile(before, n);
        }
        double revenueBefore = p.revenueBefore(me);
        double total = p.totalRevenue;
        for (Figures t : then) {
            total -= t.revenue;
            if (Order.G.compare(t, me) < 0) {
                revenueBefore -= t.revenue;
            }
        }
        for (Figures x : now.values()) {
            total += x.revenue;
            if (x != me && Order.G.compare(x, me) < 0) {
                revenueBefore += x.revenue;
            }
        }
        String grade = total == 0 ? "C" : revenueBefore / total < 0.8 ? "A" : revenueBefore / total < 0.95 ? "B" : "C";
        return new CustomerKpis(golden, p.asOf, me.revenue, me.orders, me.recencyDays, me.frequency, me.monetary,
                scores[0], scores[1], scores[2], CustomerKpis.segment(scores[0], scores[1], scores[2]), grade);
    }

    /** PostgreSQL's ntile(5) of the row at 0-based {@code position} among {@code n}. */
    static int ntile(long position, long n) {
        long q = n / 5;
        long r = n % 5;
        long big = r * (q + 1);
        return (int) (position < big ? position / (q + 1) + 1 : r + (position - big) / q + 1);
    }

    /** One customer's RFM inputs. */
    record Figures(UUID golden, long recencyDays, long frequency, double monetary, double revenue, long orders) {

        static Figures of(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Figures(rs.getObject("golden_id", UUID.class), rs.getLong("recency_days"),
                    rs.getLong("frequency"), rs.getDouble("monetary"), rs.getDouble("revenue"), rs.getLong("orders"));
        }
    }

    /** The four orders of docs/kpis.md, each with golden id ascending (as PostgreSQL compares uuids) as tie-break. */
    enum Order {
        R(Comparator.comparingLong((Figures f) -> -f.recencyDays)),
        F(Comparator.comparingLong(Figures::frequency)),
        M(Comparator.comparingDouble(Figures::monetary)),
        G(Comparator.comparingDouble((Figures f) -> -f.revenue));

        private final Comparator<Figures> comparator;

        Order(Comparator<Figures> primary) {
            this.comparator = primary.thenComparing(Figures::golden, Order::compareUuid);
        }

        int compare(Figures a, Figures b) {
            return comparator.compare(a, b);
        }

        static int compareUuid(UUID a, UUID b) {
            int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        }
    }

    /** Everybody's figures as of a day and a database snapshot, sorted each way. */
    static final class Population {

        final LocalDate asOf;
        final String snapshot;
        final long builtAt = System.nanoTime();
        private final Figures[] byId;
        private final Map<Order, Figures[]> sorted = new HashMap<>();
        private final double[] revenuePrefix; // Σ revenue of the first k customers in order G
        final double totalRevenue;

        Population(LocalDate asOf, String snapshot, List<Figures> all) {
            this.asOf = asOf;
            this.snapshot = snapshot;
            this.byId = all.toArray(Figures[]::new);
            Arrays.sort(byId, Comparator.comparing(Figures::golden, Order::compareUuid));
            for (Order o : Order.values()) {
                Figures[] s = byId.clone();
                Arrays.sort(s, o.comparator);
                sorted.put(o, s);
            }
            Figures[] g = sorted.get(Order.G);
            revenuePrefix = new double[g.length + 1];
            for (int i = 0; i < g.length; i++) {
                revenuePrefix[i + 1] = revenuePrefix[i] + g[i].revenue;
            }
            totalRevenue = revenuePrefix[g.length];
        }

        int size() {
            return byId.length;
        }

        Duration age() {
            return Duration.ofNanos(System.nanoTime() - builtAt);
        }

        int indexOf(UUID id) {
            int lo = 0;
            int hi = byId.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Order.compareUuid(byId[mid].golden, id);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        Figures figures(int index) {
            return byId[index];
        }

        /** How many of the population come strictly before {@code key} in the order. */
        long countBefore(Order o, Figures key) {
            Figures[] s = sorted.get(o);
            int lo = 0;
            int hi = s.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (o.compare(s[mid], key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        double revenueBefore(Figures key) {
            return revenuePrefix[(int) countBefore(Order.G, key)];
        }
    }
}
