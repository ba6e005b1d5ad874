package io.crmhub.bench;

import io.crmhub.CrmHubApplication;
import io.crmhub.api.security.PartnerCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Partner API load benchmark, run by hand: {@code mvn -B -Pbench-partner -DskipTests verify} (docs/benchmarks-partner-api.md).
 * Not a test: it measures. It starts the hub on the embedded stack, writes {@code bench.partner.customers} customers
 * through the partner API, then lets {@code wrk} (a real HTTP load generator, another process) GET random golden
 * customers over {@code bench.partner.connections} concurrent connections, and finally lets {@code pgbench -S}
 * measure the same embedded PostgreSQL's own point-select rate, so the API's rate can be read as a ratio of it.
 */
public final class PartnerApiBenchmark {

    private static final String KEY = "bench-" + UUID.randomUUID();

    private PartnerApiBenchmark() {}

    public static void main(String[] args) throws Exception {
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
        int customers = Integer.getInteger("bench.partner.customers", 200);
        Path dir = Files.createTempDirectory("partner-bench");
        Files.writeString(dir.resolve("partners.yaml"), """
                partners:
                  - id: bench
                    scopes: [customers:read, customers:write]
                    rate-limit: {requests-per-second: 1000000, burst: 1000000}
                    keys: [{id: bench-1, sha256: %s}]
                """.formatted(PartnerCredentials.sha256(KEY)));
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test").run("--hub.partners.credentials=" + dir.resolve("partners.yaml").toUri(),
                        "--server.tomcat.max-connections=10000", "--server.tomcat.accept-count=8192",
                        "--server.tomcat.threads.max=200", "--logging.level.root=WARN");
        String base = "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port");
        List<String> ids = seed(base, customers);
        Path script = dir.resolve("get-customer.lua");
        Files.writeString(script, lua(ids));
        say("warming up: wrk, 100 connections, 10 s");
        wrk(base, script, 100, 10);
        say("measuring: wrk, %,d connections, %d s", connections, seconds);
        Wrk api = Wrk.parse(wrk(base, script, connections, seconds));
        Pgbench db = Pgbench.run(hub, seconds);
        print(connections, seconds, customers, api, db);
        hub.close();
    }

    private static List<String> seed(String base, int customers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String body = "{\"kind\":\"PERSON\",\"name\":\"Bench Customer " + i + "\",\"emails\":[\"bench" + i + "."
                    + UUID.randomUUID() + "@example.cn\"]}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/partners/bench/"
                            + "customers/B-" + i + "-" + UUID.randomUUID())).header("X-API-Key", KEY)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"goldenId\":\"([0-9a-f-]{36})\"").matcher(r.body());
            if (r.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException("seeding failed: " + r.statusCode() + " " + r.body());
            }
            ids.add(m.group(1));
        }
        say("seeded %d golden customers through the partner API", ids.size());
        return ids;
    }

    private static String lua(List<String> ids) {
        return "local ids = {\"" + String.join("\",\"", ids) + "\"}\n"
                + "request = function()\n"
                + "  return wrk.format(\"GET\", \"/api/v1/customers/\" .. ids[math.random(#ids)], "
                + "{[\"X-API-Key\"] = \"" + KEY + "\"})\nend\n";
    }

    private static String wrk(String base, Path script, int connections, int seconds) throws Exception {
        return Processes.run(List.of("wrk", "-t", "2", "-c", String.valueOf(connections), "-d", seconds + "s",
                "--timeout", "10s", "--latency", "-s", script.toString(), base + "/"));
    }

    private static void print(int connections, int seconds, int customers, Wrk api, Pgbench db) {
        StringBuilder b = new StringBuilder("\n========== crm-hub partner API benchmark ==========\n");
        b.append(String.format("%-28s %s%n", "load", "wrk -t2 -c" + connections + " -d" + seconds + "s, GET "
                + "/api/v1/customers/{random of " + customers + "} with X-API-Key"));
        b.append(String.format("%-28s %,.0f requests/s (%,d requests, %s non-2xx, socket errors: %s)%n",
                "API GET customer", api.rate(), api.requests(), api.non2xx(), api.socketErrors()));
        b.append(String.format("%-28s p50 %s, p90 %s, p99 %s%n", "API latency", api.p50(), api.p90(), api.p99()));
        b.append(String.format("%-28s %,.0f selects/s (%s)%n", "PostgreSQL point selects", db.tps(), db.command()));
        b.append(String.format("%-28s %.1f %% of the database's point-select rate (one GET = 2 queries: golden "
                + "row, its links)%n", "API / database", 100 * api.rate() / db.tps()));
        b.append(String.format("%-28s %d cores, Tomcat max-connections 10000, threads 200, Hikari pool %s%n",
                "machine", Runtime.getRuntime().availableProcessors(), "10"));
        System.out.println(b);
    }

    static void say(String format, Object... args) {
        System.out.printf("[partner-bench] " + format + "%n", args);
    }
}
