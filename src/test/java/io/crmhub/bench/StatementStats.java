package io.crmhub.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a benchmark's database time went: {@code pg_stat_statements} (when the embedded PostgreSQL preloads it:
 * {@code -Dbench.jvm="-Xmx2g -Dhub.embedded.postgres-preload=pg_stat_statements"}) and the KPI upkeep's trigger
 * functions ({@code pg_stat_user_functions}).
 */
final class StatementStats {

    private StatementStats() {}

    /** The tables' write counters at the last reset (pg_stat_user_tables cannot be reset one table at a time). */
    private static final Map<String, TableWrites> TABLES_AT_RESET = new TreeMap<>();

    private static final String TABLE_COUNTERS = """
            SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, autovacuum_count, autoanalyze_count
            FROM pg_stat_user_tables
            """;

    /** One table's counters from {@code pg_stat_user_tables}, or their difference between two readings. */
    private record TableWrites(long inserted, long updated, long hot, long deleted, long vacuums, long analyses) {

        static final TableWrites NONE = new TableWrites(0, 0, 0, 0, 0, 0);

        static Map<String, TableWrites> read(JdbcTemplate crm) {
            Map<String, TableWrites> tables = new TreeMap<>();
            crm.query(TABLE_COUNTERS, rs -> {
                tables.put(rs.getString(1), new TableWrites(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)));
            });
            return tables;
        }

        TableWrites minus(TableWrites o) {
            return new TableWrites(inserted - o.inserted, updated - o.updated, hot - o.hot, deleted - o.deleted,
                    vacuums - o.vacuums, analyses - o.analyses);
        }

        long rows() {
            return inserted + updated + deleted;
        }
    }

    static void reset(JdbcTemplate crm, Consumer<String> say) {
        TABLES_AT_RESET.clear();
        TABLES_AT_RESET.putAll(TableWrites.read(crm));
        try {
            crm.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            crm.execute("SELECT pg_stat_statements_reset()");
        } catch (RuntimeException e) {
            say.accept(String.format(Locale.ROOT, "pg_stat_statements not available (%s): run with -Dbench.jvm=\"-Xmx2g "
                    + "-Dhub.embedded.postgres-preload=pg_stat_statements\" for the database breakdown",
                    e.getClass().getSimpleName()));
        }
    }

    /**
     * The statements that took the database's time since the reset, most first: {@code limit} of them, or
     * {@code -Dbench.statements=N} (in {@code bench.jvm}); with
     * {@code -Dhub.embedded.postgres-config=pg_stat_statements.track=all} the statements inside functions and
     * triggers are listed too (and counted twice in the total).
     */
    static void print(JdbcTemplate crm, int limit, Consumer<String> say) {
        int shown = Integer.getInteger("bench.statements", limit);
        try {
            crm.query("""
                    SELECT coalesce(round(sum(s.total_exec_time) FILTER (WHERE s.dbid = d.oid)), 0),
                        coalesce(sum(s.calls) FILTER (WHERE s.dbid = d.oid), 0),
                        coalesce(round(sum(s.total_exec_time)), 0)
                    FROM pg_stat_statements s
                    CROSS JOIN (SELECT oid FROM pg_database WHERE datname = current_database()) d
                    """, rs -> {
                        say.accept(String.format(Locale.ROOT, "  db %8d ms %7d calls in all of this database's "
                                + "statements (%d ms in every database of the server)", rs.getLong(1), rs.getLong(2),
                                rs.getLong(3)));
                    });
            crm.query("""
                    SELECT round(total_exec_time) AS ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 100),
                        round(max_exec_time) AS max_ms, round(total_plan_time) AS plan_ms,
                        round((shared_blks_hit + shared_blks_read) / greatest(calls, 1)) AS blocks
                    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                    ORDER BY total_exec_time DESC LIMIT ?
                    """, rs -> {
                        say.accept(String.format(Locale.ROOT, "  db %8d ms %7d calls %9d rows %6d ms max %7d blocks/call"
                                + " %6d ms planning  %s", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(5),
                                rs.getLong(7), rs.getLong(6), rs.getString(4)));
                    }, shown);
        } catch (RuntimeException e) {
            // not preloaded: said at the reset
        }
        printTables(crm, say);
    }

    /**
     * Rows written per table since the reset, and how many updates in 100 were HOT (no index entry written: the
     * row's new version fitted on its page and no indexed column changed), the tables with the most writes first.
     * No percent sign in the line: some benchmarks pass it on as a format.
     */
    private static void printTables(JdbcTemplate crm, Consumer<String> say) {
        TableWrites.read(crm).entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().minus(TABLES_AT_RESET.getOrDefault(e.getKey(),
                        TableWrites.NONE))))
                .filter(e -> e.getValue().rows() > 0)
                .sorted((a, b) -> Long.compare(b.getValue().rows(), a.getValue().rows()))
                .limit(15)
                .forEach(e -> {
                    TableWrites w = e.getValue();
                    say.accept(String.format(Locale.ROOT, "  table %-28s %9d inserted %9d updated (HOT: %3d in 100) "
                            + "%9d deleted, autovacuum %d×, autoanalyze %d×", e.getKey(), w.inserted(), w.updated(),
                            w.updated() == 0 ? 0 : 100 * w.hot() / w.updated(), w.deleted(), w.vacuums(),
                            w.analyses()));
                });
    }

    /** Seconds spent so far in the KPI upkeep's trigger functions (needs {@code track_functions}). */
    static Map<String, Double> upkeep(JdbcTemplate crm) {
        Map<String, Double> seconds = new TreeMap<>();
        crm.query("SELECT funcname, total_time / 1000.0 FROM pg_stat_user_functions WHERE funcname IN "
                + "('kpi_fact_changed', 'kpi_lifecycle_changed', 'kpi_link_changed', 'kpi_links_inserted', 'kpi_restate_dirty')", rs -> {
                    seconds.put(rs.getString(1), rs.getDouble(2));
                });
        return seconds;
    }
}
