package io.crmhub.bench;

import io.crmhub.CrmHubApplication;
import io.crmhub.it.TestPartners;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * KPIs at the size of a real customer base (issue 18), run by hand:
 * {@code mvn -B -Pbench-kpi-scale verify [-Dbench.customers=1000000] [-Dbench.facts=10000000] [-Dbench.repeats=20]}
 * (docs/benchmarks-kpi.md). Starts the hub in-process (embedded PostgreSQL and Kafka, every source off), loads the
 * SQL fixture {@code bench/kpi-scale-fixture.sql} (golden customers with two linked records each, orders, payments
 * and interactions over 2024–2026), fills the aggregates with {@code kpi_rebuild()} (what the V13 migration does on a
 * live store) and measures every KPI endpoint over HTTP, as a partner calls it: ranges of 1 to 36 periods at every
 * granularity, filtered reports, one customer's scores, the Prometheus gauges' refresh, and a merge and an unmerge
 * with the indicators read right after each. Measures; asserts only that the merge shows at once. Last line:
 * {@code RESULT kpi customers=… facts=… month_ms=… quarters12_ms=… months36_ms=… customer_ms=… merge_restate_ms=…}
 * (p99 of the repeats, the merge's own time).
 */
public final class KpiScaleBenchmark {

    private static final Pattern ORDERS = Pattern.compile("\"orders\":(\\d+)");

    private final JdbcTemplate crm;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String api;
    private final int repeats;

    private KpiScaleBenchmark(ConfigurableApplicationContext hub, int repeats) {
        this.crm = new JdbcTemplate(hub.getBean(DataSource.class));
        this.api = "http://localhost:" + hub.getEnvironment().getProperty("local.server.port") + "/api/v1";
        this.repeats = repeats;
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.getInteger("bench.customers", 1_000_000);
        long facts = Long.getLong("bench.facts", 10_000_000L);
        int repeats = Integer.getInteger("bench.repeats", 20);
        int exit = 1;
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test")
                .run("--hub.connectors.erp.enabled=false", "--hub.simulator.erp.enabled=false",
                        "--hub.connectors.scm.enabled=false", "--logging.level.root=WARN",
                        // the fixture load and kpi_rebuild() run for minutes: not bounded like a store statement; KPI
                        // reports keep the product's own bound (hub.database.kpi-statement-timeout)
                        "--hub.database.statement-timeout=0", "--hub.database.socket-timeout=0")) {
            new KpiScaleBenchmark(hub, repeats).run(hub, customers, facts);
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.out.flush();
        }
        System.exit(exit); // after the hub closed: the shutdown hook stops the embedded servers
    }

    private void run(ConfigurableApplicationContext hub, int customers, long facts) throws Exception {
        long loadMs = load(hub.getBean(DataSource.class), customers, facts);
        long t0 = System.nanoTime();
        crm.execute("SELECT kpi_rebuild()");
        long rebuildMs = (System.nanoTime() - t0) / 1_000_000;
        for (String table : List.of("kpi_golden_day", "kpi_customer", "kpi_day", "kpi_period", "kpi_lead")) {
            crm.execute("VACUUM ANALYZE " + table);
        }
        say("fixture loaded in %,d ms; aggregates rebuilt from the facts in %,d ms (%s)", loadMs, rebuildMs,
                crm.queryForObject("SELECT format('%s golden-day rows, %s customer rows, %s days, %s period rows, "
                        + "%s lead rows', (SELECT count(*) FROM kpi_golden_day), (SELECT count(*) FROM kpi_customer), "
                        + "(SELECT count(*) FROM kpi_day), (SELECT count(*) FROM kpi_period), "
                        + "(SELECT count(*) FROM kpi_lead))", String.class));
        say("sizes: %s", crm.queryForObject("SELECT format('kpi_fact %s, kpi_golden_day %s, identity_link %s', "
                + "pg_size_pretty(pg_total_relation_size('kpi_fact')), "
                + "pg_size_pretty(pg_total_relation_size('kpi_golden_day')), "
                + "pg_size_pretty(pg_total_relation_size('identity_link')))", String.class));

        double month = measure("1 month (2026-01)", "kpis?from=2026-01-01&to=2026-01-31&granularity=month");
        double quarters = measure("12 quarters (2024–2026)", "kpis?from=2024-01-01&to=2026-12-31&granularity=quarter");
        double months = measure("36 months (2024–2026)", "kpis?from=2024-01-01&to=2026-12-31&granularity=month");
        measure("36 weeks (2026)", "kpis?from=2026-01-05&to=2026-09-13&granularity=week");
        measure("36 days (2026)", "kpis?from=2026-01-01&to=2026-02-05&granularity=day");
        measure("3 years", "kpis?from=2024-01-01&to=2026-12-31&granularity=year");
        UUID someone = crm.queryForObject("SELECT golden_id FROM kpi_customer WHERE won_orders > 0 "
                + "ORDER BY golden_id LIMIT 1", UUID.class);
        measure("36 months of one customer (goldenId)",
                "kpis?from=2024-01-01&to=2026-12-31&granularity=month&goldenId=" + someone);

        List<UUID> sample = crm.queryForList("SELECT golden_id FROM kpi_customer WHERE won_orders > 0 "
                + "ORDER BY md5(golden_id::text) LIMIT ?", UUID.class, Math.max(repeats, 50));
        long c0 = System.nanoTime();
        get("kpis/customers/" + sample.get(0));
        say("one customer, first call (ranks the whole base once): %,d ms", (System.nanoTime() - c0) / 1_000_000);
        double customer = measureEach("one customer's KPIs (different customers)",
                sample.stream().map(id -> "kpis/customers/" + id).toList());

        Object gauges = hub.getBean("kpiGauges");
        double[] gaugeMs = new double[5];
        for (int i = 0; i < gaugeMs.length; i++) {
            long g0 = System.nanoTime();
            gauges.getClass().getMethod("refresh").invoke(gauges);
            gaugeMs[i] = (System.nanoTime() - g0) / 1e6;
        }
        Arrays.sort(gaugeMs);
        say("Prometheus gauges refresh (current month + log prune): median %.1f ms, max %.1f ms", gaugeMs[2],
                gaugeMs[4]);

        Object service = hub.getBean("kpiService");
        java.lang.reflect.Method report = service.getClass().getMethod("report", java.time.LocalDate.class,
                java.time.LocalDate.class, String.class, java.time.LocalDate.class, String.class, String.class,
                UUID.class);
        double[] inProcess = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long s0 = System.nanoTime();
            report.invoke(service, java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2026, 12, 31), "month",
                    null, null, null, null);
            inProcess[i] = (System.nanoTime() - s0) / 1e6;
        }
        Arrays.sort(inProcess);
        say("36 months in process (KpiService.report, no HTTP)                n=%d p50 %.1f ms, p99 %.1f ms",
                repeats, pct(inProcess, 50), pct(inProcess, 99));

        double merge = mergeAndUnmerge();
        measureEach("one customer's KPIs after the merge and unmerge (corrected ranks)",
                sample.stream().map(id -> "kpis/customers/" + id).toList());

        measureOnce("grade A, 12 months of 2026 (ranks every customer as of 2026-12-31)",
                "kpis?from=2026-01-01&to=2026-12-31&granularity=month&grade=A");

        System.out.printf(Locale.ROOT, "RESULT kpi customers=%d facts=%d month_ms=%.0f quarters12_ms=%.0f "
                + "months36_ms=%.0f customer_ms=%.0f merge_restate_ms=%.0f rebuild_ms=%d%n", customers, facts, month,
                quarters, months, customer, merge, rebuildMs);
    }

    /** Runs the fixture on one connection (session_replication_role is per session). */
    private long load(DataSource ds, int customers, long facts) throws Exception {
        String sql;
        try (InputStream in = KpiScaleBenchmark.class.getResourceAsStream("/bench/kpi-scale-fixture.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        sql = sql.replace("${customers}", String.valueOf(customers)).replace("${facts}", String.valueOf(facts));
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : statements(sql)) {
                long s0 = System.nanoTime();
                st.execute(statement);
                say("  %,8d ms  %s", (System.nanoTime() - s0) / 1_000_000,
                        statement.lines().findFirst().orElse("").trim());
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Statements end with ';' at the end of a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.trim().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                String s = current.toString().trim();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        return out;
    }

    /**
     * Merges two customers with won orders and reads the survivor's 36 months right after: the indicators must show
     * both customers' orders at once (restated in the merge's commit). Returns the merge's time.
     */
    private double mergeAndUnmerge() throws Exception {
        List<UUID> pair = crm.queryForList("SELECT golden_id FROM kpi_customer WHERE won_orders BETWEEN 5 AND 50 "
                + "ORDER BY md5(golden_id::text || 'merge') LIMIT 2", UUID.class);
        String range = "kpis?from=2024-01-01&to=2026-12-31&granularity=year&goldenId=";
        long before = orders(get(range + pair.get(0))) + orders(get(range + pair.get(1)));
        try (Connection c = crm.getDataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            long t = System.nanoTime();
            st.execute("SELECT kpi_restate(ARRAY['" + pair.get(0) + "', '" + pair.get(1) + "']::uuid[], '{}', '{}', '{}')");
            say("restating both customers whole (what the merge's commit does), alone: %.1f ms",
                    (System.nanoTime() - t) / 1e6);
            c.rollback();
        }
        long m0 = System.nanoTime();
        String merged = post("identity/merge", "{\"goldenIds\":[\"" + pair.get(0) + "\",\"" + pair.get(1)
                + "\"],\"reason\":\"kpi benchmark\"}");
        double mergeMs = (System.nanoTime() - m0) / 1e6;
        UUID survivor = UUID.fromString(merged.replaceAll(".*\"goldenId\":\"([^\"]+)\".*", "$1"));
        long r0 = System.nanoTime();
        long after = orders(get(range + survivor));
        double readMs = (System.nanoTime() - r0) / 1e6;
        say("merge of two customers (%d won orders together): %.0f ms including the restatement at commit; read "
                + "right after: %d won orders (%s), %.0f ms", before, mergeMs, after,
                after == before ? "shows the merge" : "DOES NOT SHOW THE MERGE", readMs);
        if (after != before) {
            throw new IllegalStateException("merge not visible in the indicators right after its commit");
        }
        UUID absorbed = survivor.equals(pair.get(0)) ? pair.get(1) : pair.get(0);
        String[] any = crm.queryForObject("SELECT source_system || '|' || source_entity || '|' || source_key "
                + "FROM identity_link WHERE golden_id = ? ORDER BY linked_at DESC LIMIT 1", String.class, survivor)
                .split("\\|");
        long u0 = System.nanoTime();
        post("identity/golden/" + survivor + "/unmerge", "{\"records\":[{\"system\":\"" + any[0] + "\",\"entity\":\""
                + any[1] + "\",\"key\":\"" + any[2] + "\"}],\"reason\":\"kpi benchmark\"}");
        double unmergeMs = (System.nanoTime() - u0) / 1e6;
        say("unmerge of the record last moved by the merge (from %s): %.0f ms", absorbed, unmergeMs);

        // a large customer: the restatement's cost grows with the customer's history, not with the store
        List<UUID> big = crm.queryForList("SELECT golden_id FROM kpi_customer ORDER BY won_orders DESC LIMIT 2",
                UUID.class);
        long bigOrders = orders(get(range + big.get(0))) + orders(get(range + big.get(1)));
        long b0 = System.nanoTime();
        post("identity/merge", "{\"goldenIds\":[\"" + big.get(0) + "\",\"" + big.get(1)
                + "\"],\"reason\":\"kpi benchmark\"}");
        say("merge of the two largest customers (%d won orders together): %.0f ms", bigOrders,
                (System.nanoTime() - b0) / 1e6);
        return mergeMs;
    }

    private double measure(String what, String path) throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            paths.add(path);
        }
        get(path); // warm-up
        return measureEach(what, paths);
    }

    private void measureOnce(String what, String path) throws Exception {
        long t0 = System.nanoTime();
        try {
            get(path);
        } catch (IllegalStateException e) {
            // a report past hub.database.kpi-statement-timeout is cancelled by the server and answered 503
            say("%-60s refused after %,d ms: %s", what, (System.nanoTime() - t0) / 1_000_000,
                    e.getMessage().length() > 160 ? e.getMessage().substring(0, 160) : e.getMessage());
            return;
        }
        long first = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        get(path);
        say("%-60s first %,d ms, second %,d ms", what, first, (System.nanoTime() - t1) / 1_000_000);
    }

    /** Sequential calls; prints p50/p99/max and returns p99. */
    private double measureEach(String what, List<String> paths) throws Exception {
        double[] ms = new double[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            long t0 = System.nanoTime();
            get(paths.get(i));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double p99 = pct(ms, 99);
        say("%-60s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", what, ms.length, pct(ms, 50), p99,
                ms[ms.length - 1]);
        return p99;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/" + path))
                .header(TestPartners.HEADER, TestPartners.STEWARD).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/" + path))
                .header(TestPartners.HEADER, TestPartners.STEWARD).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static long orders(String body) {
        long total = 0;
        Matcher m = ORDERS.matcher(body);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)];
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[kpi-scale] " + format + "%n", args);
    }
}
