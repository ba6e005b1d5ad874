package io.crmhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Waits until a round is through the hub, by counting: all its changes in {@code change_log}, every customer it
 * inserted linked to a golden customer ({@code identity_link}), every order, order line and payment it inserted
 * a KPI fact ({@code kpi_fact}). Gives up at the deadline. Counting only decides when to stop waiting; the
 * figures come from the rows' own timestamps ({@link RoundResult}), so the polling interval does not bias them.
 */
final class Drain {

    private static final String NUMERIC_KEY = "CASE WHEN source_key ~ '^[0-9]{1,18}$' THEN source_key::bigint END";

    private Drain() {}

    /**
     * Counts the round's stored changes every five seconds and, once every change is stored, its links and KPI facts
     * every second. Each of these counts reads every ERP row of its table (the change log since the round's first
     * commit; links and facts by a pattern on each row's key), and a burst round is waited for while the hub works
     * through it (a paced round only after its last commit): counting all three every second took the hub's own
     * PostgreSQL 7.7 and 18.9 s of its 42 and 64 s in the two bursts of 100,000 (docs/benchmarks.md, 2026-12-06
     * evening). Counting only decides when to stop waiting; the figures come from the rows' own timestamps.
     *
     * @return true when everything arrived before {@code deadlineMillis}
     */
    static boolean await(JdbcTemplate crm, LoadRound round, long deadlineMillis) throws InterruptedException {
        long previous = 0;
        long previousAt = System.currentTimeMillis();
        while (true) {
            long stored = stored(crm, round);
            long now = System.currentTimeMillis();
            boolean allStored = stored >= round.changes();
            if (allStored && linked(crm, round) >= round.customerInserts()
                    && facts(crm, round) >= round.factInserts()) {
                return true;
            }
            if (now > deadlineMillis) {
                long[] n = progress(crm, round);
                CdcBenchmark.say("%s: DEADLINE (bench.max-minutes): %,d / %,d changes stored, %,d / %,d customers "
                        + "linked, %,d / %,d KPI facts", round.name, n[0], round.changes(), n[1],
                        round.customerInserts(), n[2], round.factInserts());
                return false;
            }
            if (!allStored) {
                CdcBenchmark.say("%s: %,d / %,d stored (%.0f/s over the last %.1f s); links and KPI facts are "
                        + "counted once every change is stored", round.name, stored, round.changes(),
                        (stored - previous) * 1000.0 / Math.max(1, now - previousAt), (now - previousAt) / 1000.0);
                previous = stored;
                previousAt = now;
            }
            Thread.sleep(allStored ? 1000 : 5000);
        }
    }

    /** {stored changes, linked customer inserts, KPI facts of inserted orders, lines and payments} */
    static long[] progress(JdbcTemplate crm, LoadRound round) {
        return new long[] {stored(crm, round), linked(crm, round), facts(crm, round)};
    }

    private static long stored(JdbcTemplate crm, LoadRound round) {
        return count(crm, "SELECT count(*) FROM change_log WHERE source_system = 'erp' AND op <> 'READ' "
                + "AND applied_at >= to_timestamp(?)", round.firstCommitMillis() / 1000.0);
    }

    private static long linked(JdbcTemplate crm, LoadRound round) {
        return inRanges(crm, "identity_link", round.inserted, List.of("customers"));
    }

    private static long facts(JdbcTemplate crm, LoadRound round) {
        return inRanges(crm, "kpi_fact", round.inserted, List.of("sales_orders", "sales_order_lines",
                "payment_receipts"));
    }

    private static long inRanges(JdbcTemplate crm, String table, Map<String, long[]> ranges, List<String> entities) {
        List<String> terms = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (String entity : entities) {
            long[] r = ranges.get(entity);
            if (r != null) {
                terms.add("(source_entity = ? AND " + NUMERIC_KEY + " BETWEEN ? AND ?)");
                args.addAll(List.of(entity, r[0], r[1]));
            }
        }
        if (terms.isEmpty()) {
            return 0;
        }
        return count(crm, "SELECT count(*) FROM " + table + " WHERE source_system = 'erp' AND ("
                + String.join(" OR ", terms) + ")", args.toArray());
    }

    private static long count(JdbcTemplate crm, String sql, Object... args) {
        Long n = crm.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
