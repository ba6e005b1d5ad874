package io.crmhub.bench;

import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.connector.erp.ErpConnectorProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * KPI freshness, run by hand: {@code mvn -B -Pbench-kpi verify [-Dbench.probes=200] [-Dbench.load=50]}
 * (docs/benchmarks-kpi.md). The whole hub runs in-process on the embedded stack while the demo ERP commits
 * a steady {@code bench.load} changes per second; one probe at a time, an order dated on a day of its own is
 * committed in the ERP, and the KPI REST API is polled (every 10 ms) until that day's {@code orders} shows it.
 * Prints p50/p90/p99/max of commit → indicator. Measures; asserts nothing.
 */
public final class KpiFreshnessBenchmark {

    private static final Pattern ORDERS = Pattern.compile("\"orders\":(\\d+)");
    private static final LocalDate PROBE_DAYS = LocalDate.of(2070, 1, 1);

    private KpiFreshnessBenchmark() {}

    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            run(Integer.getInteger("bench.probes", 200), Integer.getInteger("bench.load", 50));
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.exit(exit); // Kafka, Debezium and embedded-server threads must not keep the JVM alive
        }
    }

    static void run(int probes, int load) throws Exception {
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test")
                .run("--hub.simulator.erp.enabled=true", "--hub.simulator.erp.changes-per-second=" + load,
                        "--hub.simulator.erp.seed-customers=200", "--hub.simulator.erp.seed-orders=400",
                        "--logging.level.root=WARN");
        ErpConnectorProperties erp = hub.getBean(ErpConnectorProperties.class);
        JdbcTemplate crm = new JdbcTemplate(hub.getBean(DataSource.class));
        String api = "http://localhost:" + hub.getEnvironment().getProperty("local.server.port") + "/api/v1/kpis";
        HttpClient http = HttpClient.newHttpClient();
        try (Connection erpDb = DriverManager.getConnection("jdbc:postgresql://" + erp.host() + ":" + erp.port()
                + "/" + erp.database(), erp.user(), erp.password())) {
            long customer = probeCustomer(erpDb, crm);
            say("steady load: demo ERP at %d changes/s; %d probes, one at a time", load, probes);
            long[] micros = new long[probes];
            for (int i = 0; i < probes; i++) {
                LocalDate day = PROBE_DAYS.plusDays(i);
                long committed = commitOrder(erpDb, customer, day, i);
                awaitOrders(http, api + "?granularity=day&from=" + day + "&to=" + day);
                micros[i] = (System.nanoTime() - committed) / 1000;
            }
            print(micros);
        } finally {
            hub.close();
        }
    }

    private static long probeCustomer(Connection erpDb, JdbcTemplate crm) throws Exception {
        long id;
        try (PreparedStatement ps = erpDb.prepareStatement("INSERT INTO customers (customer_no, kind, name, status) "
                + "VALUES ('BENCH-KPI', 'C', 'Bench Probe Co., Ltd.', 'ACTIVE') RETURNING id");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        // the hub first catches up with the seed; measuring starts once the probe customer is linked
        await("probe customer linked").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> crm.queryForObject("SELECT count(*) FROM identity_link WHERE source_system = 'erp' "
                        + "AND source_key = ?", Long.class, String.valueOf(id)) > 0);
        return id;
    }

    private static long commitOrder(Connection erpDb, long customer, LocalDate day, int i) throws Exception {
        try (PreparedStatement ps = erpDb.prepareStatement("INSERT INTO sales_orders (order_no, customer_id, "
                + "order_date, status, currency, total_amount) VALUES (?, ?, ?, 'OPEN', 'CNY', 100)")) {
            ps.setString(1, "BENCH-KPI-" + i);
            ps.setLong(2, customer);
            ps.setObject(3, day);
            ps.executeUpdate(); // autocommit: returns once committed
        }
        return System.nanoTime();
    }

    private static void awaitOrders(HttpClient http, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header(io.crmhub.it.TestPartners.HEADER, io.crmhub.it.TestPartners.ACME).build(); // kpis:read
        // poll interval 10 ms: resolution ±10 ms, without the poller itself loading the database
        await("indicator shows the order").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    Matcher m = ORDERS.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                    return m.find() && Long.parseLong(m.group(1)) > 0;
                });
    }

    private static void print(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        say("ERP commit → KPI API shows the order, %d probes: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                sorted.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1000.0;
    }

    private static void say(String format, Object... args) {
        System.out.printf("[kpi-bench] " + format + "%n", args);
    }
}
