package io.crmhub.bench;

import io.crmhub.CrmHubApplication;
import io.crmhub.api.security.PartnerCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Partner API load benchmark, run by hand: {@code mvn -B -Pbench-partner -DskipTests verify}
 * (docs/benchmarks-partner-api.md). Not a test: it measures. It starts the hub on the embedded stack with its
 * shipped server settings, writes one golden customer of two partner records through the partner API (store and
 * identity for real), copies it by SQL into {@code bench.partner.customers} (50,000) golden customers, then lets
 * {@code wrk} (another process) GET random ones of them:
 * <ol>
 *   <li>warm-up, 100 connections;</li>
 *   <li>closed loop: {@code bench.partner.connections} (5,000) connections, each sending as soon as its previous
 *       answer is in;</li>
 *   <li>open loop: as many connections held open while {@code bench.partner.open-rate} (2,000) requests/s are
 *       offered on a fixed schedule ({@code partner-get-paced.lua});</li>
 * </ol>
 * and finally lets {@code pgbench -S} measure the same embedded PostgreSQL's own point-select rate, so the API's rate
 * reads as a ratio of it. The last line is {@code RESULT partner_api rps=… p50_ms=… p99_ms=… open_p99_ms=…
 * pgbench_tps=… ratio=…}.
 */
public final class PartnerApiBenchmark {

    private static final String KEY = "bench-" + UUID.randomUUID();
    /** Stands for the copy number in the template's keys, name and e-mail (lower case: keys and e-mails keep it). */
    private static final String MARK = "bnchmrk";

    private PartnerApiBenchmark() {}

    public static void main(String[] args) {
        int exit = 1;
        try {
            run();
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.exit(exit); // Kafka and embedded-server threads must not keep exec:exec waiting
        }
    }

    static void run() throws Exception {
        int connections = Integer.getInteger("bench.partner.connections", 5000);
        int seconds = Integer.getInteger("bench.partner.seconds", 30);
        int customers = Integer.getInteger("bench.partner.customers", 50_000);
        int openRate = Integer.getInteger("bench.partner.open-rate", 2000);
        int warmup = Integer.getInteger("bench.partner.warmup-seconds", 15);
        int threads = 2;
        Path dir = Files.createTempDirectory("partner-bench");
        Files.writeString(dir.resolve("partners.yaml"), """
                partners:
                  - id: bench
                    scopes: [customers:read, customers:write]
                    rate-limit: {requests-per-second: 1000000, burst: 1000000}
                    keys: [{id: bench-1, sha256: %s}]
                """.formatted(PartnerCredentials.sha256(KEY)));
        // the shipped server settings (application.yaml); only the test profile's quick intervals are set back.
        // bench.partner.hub-args: more hub properties, space-separated (--server.tomcat.threads.max=64 …)
        List<String> hubArgs = new ArrayList<>(List.of("--hub.partners.credentials="
                + dir.resolve("partners.yaml").toUri(), "--hub.metrics.refresh-ms=15000",
                "--hub.connectors.erp.poll-interval-ms=100", "--logging.level.root=WARN"));
        String extra = System.getProperty("bench.partner.hub-args", "").strip();
        if (!extra.isEmpty()) {
            hubArgs.addAll(List.of(extra.split("\\s+")));
            say("hub arguments: %s", extra);
        }
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test").run(hubArgs.toArray(String[]::new));
        String base = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
        Path ids = dir.resolve("golden-ids.txt");
        Files.write(ids, seed(hub, base, customers));
        Path closed = copy("partner-get.lua", dir);
        Path paced = copy("partner-get-paced.lua", dir);
        Path each = copy("partner-get-each.lua", dir);

        say("warming up: wrk, 100 connections, %d s", warmup);
        wrk(base, closed, threads, 100, warmup, List.of(ids.toString(), KEY));
        pause();
        say("every customer once: wrk, %,d connections (first reads render)", connections);
        double[] rendered = renderCounts(hub);
        Wrk firstReads = Wrk.parse(wrkPass(base, each, threads, connections, List.of(ids.toString(), KEY,
                String.valueOf(threads))));
        double[] after = renderCounts(hub);
        String firstRenders = String.format(Locale.ROOT, "%,.0f rendered, %,.0f already kept (read in the warm-up)",
                after[1] - rendered[1], after[0] - rendered[0]);
        pause();
        int pgPort = new JdbcTemplate(hub.getBean(DataSource.class)).queryForObject(
                "SELECT current_setting('port')::int", Integer.class);
        say("closed loop: wrk, %,d connections, %d s", connections, seconds);
        CpuProfile before = CpuProfile.snapshot(pgPort);
        Wrk closedLoop = Wrk.parse(wrk(base, closed, threads, connections, seconds, List.of(ids.toString(), KEY)));
        String closedCpu = cpu(before, CpuProfile.snapshot(pgPort), closedLoop);
        pause();
        say("open loop: wrk, %,d connections held open, %,d requests/s offered, %d s", connections, openRate, seconds);
        before = CpuProfile.snapshot(pgPort);
        Wrk openLoop = Wrk.parse(wrk(base, paced, threads, connections, seconds, List.of(ids.toString(), KEY,
                String.valueOf((double) openRate / threads))));
        String openCpu = cpu(before, CpuProfile.snapshot(pgPort), openLoop);
        String renderings = renderings(hub);
        Pgbench db = Pgbench.run(hub, seconds);
        print(connections, seconds, customers, openRate, firstReads, firstRenders, closedLoop, openLoop, db,
                renderings, closedCpu, openCpu);
        hub.close();
    }

    /**
     * One golden customer through the partner API: two partner records sharing an e-mail, linked by identity
     * resolution into one golden customer with two links. Then {@code customers} copies of it by SQL, each with its
     * own golden id, source keys, name and e-mail: a few seconds instead of 50,000 upserts.
     */
    private static List<String> seed(ConfigurableApplicationContext hub, String base, int customers)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String template = null;
        for (String part : List.of("a", "b")) {
            String body = """
                    {"kind":"ORGANISATION","name":"Bench Customer %s Trading Co., Ltd.","contactName":"张经理",
                     "emails":["%s@bench.example.cn"],"phones":["+86 21 5555 0101"],"industry":"Electronics",
                     "owner":"sales-sh-01","lifecycleStatus":"CUSTOMER",
                     "address":{"country":"CN","province":"上海","city":"上海","street":"浦东新区世纪大道 100 号",
                                "postalCode":"200120"}}
                    """.formatted(MARK, MARK);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/partners/bench/"
                            + "customers/" + MARK + "-" + part)).header("X-API-Key", KEY)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"goldenId\":\"([0-9a-f-]{36})\"").matcher(r.body());
            if (r.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException("seeding failed: " + r.statusCode() + " " + r.body());
            }
            if (template != null && !template.equals(m.group(1))) {
                throw new IllegalStateException("the two template records were not linked into one golden customer");
            }
            template = m.group(1);
        }
        long started = System.nanoTime();
        String templateId = "'" + UUID.fromString(template) + "'";
        JdbcTemplate jdbc = new JdbcTemplate(hub.getBean(DataSource.class));
        List<String> ids = jdbc.execute((java.sql.Connection c) -> {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE bench_copy ON COMMIT DROP AS SELECT i, gen_random_uuid() AS golden_id"
                        + " FROM generate_series(1, " + customers + ") i");
            }
            String mark = "'" + MARK + "'";
            String copy = "'c' || s.i";
            try (var s = c.createStatement()) {
                s.execute("INSERT INTO customer_record (source_system, source_entity, source_key, payload,"
                        + " source_position, source_sequence, mapping_version, last_event_id, last_op, occurred_at)"
                        + " SELECT r.source_system, r.source_entity, replace(r.source_key, " + mark + ", " + copy
                        + "), replace(r.payload::text, " + mark + ", " + copy + ")::jsonb, r.source_position,"
                        + " r.source_sequence, r.mapping_version, gen_random_uuid(), r.last_op, r.occurred_at"
                        + " FROM bench_copy s, identity_link l JOIN customer_record r"
                        + " USING (source_system, source_entity, source_key) WHERE l.golden_id = " + templateId);
                s.execute("INSERT INTO golden_customer (golden_id, status, record, provenance, member_count,"
                        + " version) SELECT s.golden_id, g.status, replace(g.record::text, " + mark + ", " + copy
                        + ")::jsonb, replace(g.provenance::text, " + mark + ", " + copy + ")::jsonb,"
                        + " g.member_count, g.version FROM bench_copy s, golden_customer g"
                        + " WHERE g.golden_id = " + templateId);
                s.execute("INSERT INTO identity_link (source_system, source_entity, source_key, golden_id, rule,"
                        + " score, via_system, via_entity, via_key, explanation, normalized, rules_version, linked_at)"
                        + " SELECT l.source_system, l.source_entity, replace(l.source_key, " + mark + ", " + copy
                        + "), s.golden_id, l.rule, l.score, l.via_system, l.via_entity, replace(l.via_key, " + mark
                        + ", " + copy + "), l.explanation, replace(l.normalized::text, " + mark + ", " + copy
                        + ")::jsonb, l.rules_version, l.linked_at FROM bench_copy s, identity_link l"
                        + " WHERE l.golden_id = " + templateId);
            }
            List<String> copied = new ArrayList<>(customers);
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT golden_id FROM bench_copy")) {
                while (rs.next()) {
                    copied.add(rs.getString(1));
                }
            }
            c.commit();
            c.setAutoCommit(true);
            return copied;
        });
        jdbc.execute("ANALYZE customer_record, golden_customer, identity_link");
        String sample = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/" + ids.get(0)))
                .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString()).body();
        say("seeded %,d golden customers (2 links each) by SQL from %s in %.1f s; one is %,d bytes of JSON:%n%s",
                ids.size(), template, (System.nanoTime() - started) / 1e9, sample.getBytes().length, sample);
        return ids;
    }

    private static Path copy(String script, Path dir) throws Exception {
        Path target = dir.resolve(script);
        try (InputStream in = PartnerApiBenchmark.class.getResourceAsStream("/bench/" + script)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static String wrk(String base, Path script, int threads, int connections, int seconds,
                              List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(threads), "-c",
                String.valueOf(connections), "-d", seconds + "s", "--timeout", "10s", "--latency", "-s",
                script.toString(), base + "/", "--"));
        command.addAll(args);
        say("%s", String.join(" ", command).replace(KEY, "<key>"));
        return Processes.run(command);
    }

    /** wrk with partner-get-each.lua, stopped once every thread read its share of the customers. */
    private static String wrkPass(String base, Path script, int threads, int connections, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(threads), "-c",
                String.valueOf(connections), "-d", "1800s", "--timeout", "10s", "--latency", "-s", script.toString(),
                base + "/", "--"));
        command.addAll(args);
        say("%s (until every thread printed \"pass done\")", String.join(" ", command).replace(KEY, "<key>"));
        return Processes.runUntil(command, "pass done", threads);
    }

    /** Lets the previous run's connections close before the next opens its own. */
    private static void pause() throws InterruptedException {
        Thread.sleep(3000);
    }

    /** {served kept, rendered} so far. */
    private static double[] renderCounts(ConfigurableApplicationContext hub) {
        MeterRegistry registry = hub.getBean(MeterRegistry.class);
        double[] counts = new double[2];
        registry.find("hub.partners.customer.renderings").counters().forEach(c ->
                counts["hit".equals(c.getId().getTag("result")) ? 0 : 1] += c.count());
        return counts;
    }

    private static String renderings(ConfigurableApplicationContext hub) {
        MeterRegistry registry = hub.getBean(MeterRegistry.class);
        Map<String, Double> byResult = new java.util.TreeMap<>();
        registry.find("hub.partners.customer.renderings").counters()
                .forEach(c -> byResult.put(c.getId().getTag("result"), c.count()));
        var gauge = registry.find("hub.partners.customer.renderings.bytes").gauge();
        double bytes = gauge == null ? 0 : gauge.value();
        var batches = registry.find("hub.partners.customer.reads.batch").summary();
        return String.format(Locale.ROOT, "%,.0f served kept, %,.0f rendered; %,.1f MiB kept; %s",
                byResult.getOrDefault("hit", 0.0), byResult.getOrDefault("miss", 0.0), bytes / 1024 / 1024,
                batches == null ? "reads not batched" : String.format(Locale.ROOT, "%,d statements for %,.0f reads "
                        + "(%.1f a statement, at most %.0f)", batches.count(), batches.totalAmount(), batches.mean(),
                        batches.max()));
    }

    /**
     * CPU per answered request of the hub (this JVM: the benchmark's own thread only waits for wrk) and of the
     * embedded PostgreSQL, and how busy the machine was: what a shared machine cannot blur.
     */
    private static String cpu(CpuProfile before, CpuProfile after, Wrk run) {
        double hub = after.jvmSeconds(before);
        double pg = after.postgresSeconds(before);
        double machine = after.machineBusySeconds(before);
        after.since(before).stream().skip(1).limit(8).forEach(l -> say("%s", l));
        return String.format(Locale.ROOT, "hub %.3f ms, PostgreSQL %.3f ms of CPU per request; machine busy %.1f of "
                + "%.1f CPU s (hub %.1f, PostgreSQL %.1f, wrk and everything else %.1f)",
                1000 * hub / run.requests(), 1000 * pg / run.requests(), machine,
                Runtime.getRuntime().availableProcessors() * after.wallSeconds(before), hub, pg, machine - hub - pg);
    }

    private static void print(int connections, int seconds, int customers, int openRate, Wrk first,
                              String firstRenders, Wrk closed, Wrk open, Pgbench db, String renderings,
                              String closedCpu, String openCpu) {
        StringBuilder b = new StringBuilder("\n========== crm-hub partner API benchmark ==========\n");
        String line = "%-30s %s%n";
        b.append(String.format(line, "customers", String.format(Locale.ROOT, "%,d golden customers, GET "
                + "/api/v1/customers/{random one} with X-API-Key", customers)));
        b.append(String.format(line, "first reads", String.format(Locale.ROOT, "wrk -t2 -c%d, each customer once: "
                + "%,.0f requests/s (%,d requests, %d non-2xx, socket errors: %s); %s", connections, first.rate(),
                first.requests(), first.non2xx(), first.socketErrors(), firstRenders)));
        b.append(String.format(line, "first reads latency", first.latencies()));
        b.append(String.format(line, "closed loop", String.format(Locale.ROOT, "wrk -t2 -c%d -d%ds: %,.0f requests/s "
                + "(%,d requests, %d non-2xx, socket errors: %s)", connections, seconds, closed.rate(), closed.requests(),
                closed.non2xx(), closed.socketErrors())));
        b.append(String.format(line, "closed loop latency", closed.latencies()));
        b.append(String.format(line, "closed loop CPU", closedCpu));
        b.append(String.format(line, "open loop", String.format(Locale.ROOT, "wrk -t2 -c%d -d%ds, %,d requests/s "
                + "offered: %,.0f answered/s (%,d requests, %d non-2xx, socket errors: %s)", connections, seconds,
                openRate, open.rate(), open.requests(), open.non2xx(), open.socketErrors())));
        b.append(String.format(line, "open loop latency", open.latencies()));
        b.append(String.format(line, "open loop CPU", openCpu));
        b.append(String.format(line, "PostgreSQL point selects", String.format(Locale.ROOT, "%,.0f selects/s (%s)",
                db.tps(), db.command())));
        b.append(String.format(line, "API / database", String.format(Locale.ROOT, "%.2f (closed-loop requests/s "
                + "over pgbench -S selects/s, same run)", closed.rate() / db.tps())));
        b.append(String.format(line, "renderings", renderings));
        b.append(String.format(line, "machine", Runtime.getRuntime().availableProcessors() + " cores; wrk, hub, "
                + "PostgreSQL and pgbench on the same machine"));
        if (!first.clean() || !closed.clean() || !open.clean()) {
            b.append("WARNING: not every request succeeded (non-2xx or socket errors above)\n");
        }
        b.append(String.format(Locale.ROOT, "RESULT partner_api rps=%.0f p50_ms=%.2f p99_ms=%.2f open_p99_ms=%.2f "
                + "pgbench_tps=%.0f ratio=%.3f%n", closed.rate(), closed.p50(), closed.p99(), open.p99(), db.tps(),
                closed.rate() / db.tps()));
        System.out.print(b);
    }

    static void say(String format, Object... args) {
        System.out.printf("[partner-bench] " + format + "%n", args);
    }
}
