package io.crmhub.it.chaos;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.it.OaSimulatorSupport;
import io.crmhub.simulator.oa.OaFaultPlan;
import io.crmhub.simulator.oa.OaSimulation;
import io.crmhub.simulator.oa.OaSimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The other sources flowing while the faults happen: shop export files dropped into an inbox (orders CSV with one or
 * two lines per order, customer registrations as JSON Lines, each file with its own export stamp) and an OA whose
 * service desk keeps working (the project's OA simulator behind its real SOAP server, outside the hub so it outlives
 * every hub process). It remembers what it produced, so {@link #audit} can say whether every shop line and every OA
 * item is in the store, at its latest version, exactly once. Seeded.
 */
public final class SideFlows implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final long OA_EVERY_MS = Long.getLong("chaos.oa-change-every-ms", 50L);
    private static final LocalDateTime FIRST_EXPORT = LocalDateTime.of(2024, 6, 4, 13, 0);

    /** What the store holds of the side sources compared with what they produced. */
    public record Audit(long shopLines, long shopLost, long oaItems, long oaLost, long unlinked) {}

    private final Path inbox;
    private final String run;
    private final int ordersPerFile;
    private final Random random;
    private final OaSimulation oa;
    private final OaSimulatorServer oaServer;
    private final Set<String> orders = new HashSet<>();
    private final Set<String> lines = new HashSet<>();
    private final Set<String> customers = new HashSet<>();
    private final List<String> files = new ArrayList<>();
    private long shopChanges;
    private long oaChanges;
    private ScheduledExecutorService flowing;

    public SideFlows(Path inbox, String run, int ordersPerFile, long seed) throws IOException {
        this.inbox = Files.createDirectories(inbox).toAbsolutePath();
        this.run = run;
        this.ordersPerFile = ordersPerFile;
        this.random = new Random(seed);
        this.oa = new OaSimulation(seed);
        oa.seedContacts(List.of(), 20);
        oaChanges = 20;
        this.oaServer = OaSimulatorServer.start(0, oa.data(), new OaFaultPlan(0), OaSimulatorSupport.USER,
                OaSimulatorSupport.PASSWORD, "");
    }

    /** Hub arguments: read this inbox and page through this OA, quickly, so the flows keep up with a short run. */
    public List<String> hubArguments() {
        return List.of("--hub.connectors.shop.enabled=true", "--hub.connectors.shop.inbox=" + inbox,
                "--hub.connectors.shop.min-file-age-ms=300", "--hub.connectors.shop.poll-delay-ms=500",
                "--hub.connectors.oa.enabled=true", "--hub.connectors.oa.url=" + oaServer.address(),
                "--hub.connectors.oa.username=" + OaSimulatorSupport.USER,
                "--hub.connectors.oa.password=" + OaSimulatorSupport.PASSWORD,
                "--hub.connectors.oa.poll-interval-ms=500", "--hub.connectors.oa.page-size=100");
    }

    /** Starts the flows: a shop file every {@code fileEveryMs} (orders and customers in turn), an OA change every {@code chaos.oa-change-every-ms}. */
    public synchronized void start(long fileEveryMs) {
        stop();
        flowing = Executors.newScheduledThreadPool(2);
        flowing.scheduleWithFixedDelay(this::dropFile, 0, fileEveryMs, TimeUnit.MILLISECONDS);
        flowing.scheduleWithFixedDelay(this::oaChange, 0, OA_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops producing (what was produced still has to arrive). */
    public synchronized void stop() {
        if (flowing != null) {
            flowing.shutdown();
            try {
                if (!flowing.awaitTermination(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("side flows did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flowing = null;
        }
    }

    private void oaChange() {
        synchronized (oa) {
            oa.tick();
            oaChanges++;
        }
    }

    private void dropFile() {
        int n;
        synchronized (files) {
            n = files.size() + 1;
        }
        String stamp = STAMP.format(FIRST_EXPORT.plusSeconds(n));
        StringBuilder text = new StringBuilder();
        String name;
        if (n % 2 == 1) {
            name = "orders-" + run + "-" + n + "-" + stamp + ".csv";
            text.append("order_no,order_time,customer_id,status,currency,order_total,line_no,sku,product_name,quantity,"
                    + "unit_price,line_amount\n");
            for (int i = 0; i < ordersPerFile; i++) {
                String order = "S" + run + "-" + n + "-" + i;
                int lineCount = 1 + random.nextInt(2);
                for (int l = 1; l <= lineCount; l++) {
                    text.append(order).append(",2024-06-04 13:00,U").append(run).append('-').append(i).append(",PAID,CNY,")
                            .append(lineCount * 10).append(".00,").append(l).append(",SKU-C").append(l)
                            .append(",\"保温杯, 500ml\",1,10.00,10.00\n");
                    synchronized (this) {
                        lines.add(order + "|" + l);
                        shopChanges += l == 1 ? 2 : 1;
                    }
                }
                synchronized (this) {
                    orders.add(order);
                }
            }
        } else {
            name = "customers-" + run + "-" + n + "-" + stamp + ".jsonl";
            for (int i = 0; i < ordersPerFile; i++) {
                String key = "U" + run + "-" + n + "-" + i;
                text.append("{\"customer_id\": \"").append(key).append("\", \"registered_at\": \"2024-06-01 10:00\", ")
                        .append("\"name\": \"Shop Buyer ").append(n).append(' ').append(i).append("\", \"mobile\": \"")
                        .append(String.format("137%08d", (Math.abs(run.hashCode()) % 40_000_000) + n * 1_000 + i))
                        .append("\", \"email\": \"shop.").append(run).append('.').append(n).append('.').append(i)
                        .append("@example.com\"}\n");
                synchronized (this) {
                    customers.add(key);
                    shopChanges++;
                }
            }
        }
        try {
            Path part = inbox.resolve(name + ".part");
            Files.writeString(part, text, StandardCharsets.UTF_8);
            Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (files) {
            files.add(name);
        }
    }

    /** Every dropped file read (in {@code done/}), every shop change logged, the store in step with the OA. */
    public boolean drained(JdbcTemplate crm) {
        synchronized (files) {
            for (String name : files) {
                if (!Files.exists(inbox.resolve("done").resolve(name)) || Files.exists(inbox.resolve(name))) {
                    return false;
                }
            }
        }
        synchronized (this) {
            if (distinctLogged(crm, "shop") < shopChanges) {
                return false;
            }
        }
        synchronized (oa) {
            return OaSimulatorSupport.inSync(oa.data(), crm);
        }
    }

    public synchronized Audit audit(JdbcTemplate crm) {
        long shopLost = difference(orders, live(crm, "order_record", "orders"))
                + difference(lines, live(crm, "order_line_record", "order_lines"))
                + difference(customers, live(crm, "customer_record", "customers"))
                + Math.max(0, shopChanges - distinctLogged(crm, "shop"))
                + crm.queryForObject("SELECT coalesce(sum(rows_rejected), 0) FROM shop_file", Long.class);
        synchronized (files) {
            for (String name : files) {
                shopLost += Files.exists(inbox.resolve("done").resolve(name)) ? 0 : 1;
            }
        }
        long oaLost = 0;
        long oaItems = 0;
        synchronized (oa) {
            for (OaEntity entity : OaEntity.values()) {
                Map<String, Long> inOa = OaSimulatorSupport.inOa(oa.data(), entity);
                Map<String, Long> inStore = OaSimulatorSupport.inStore(crm, entity);
                oaItems += inOa.size();
                for (Map.Entry<String, Long> item : inOa.entrySet()) {
                    oaLost += item.getValue().equals(inStore.get(item.getKey())) ? 0 : 1;
                }
                oaLost += inStore.keySet().stream().filter(k -> !inOa.containsKey(k)).count();
            }
        }
        long unlinked = crm.queryForObject("""
                SELECT count(*) FROM customer_record r WHERE r.source_system IN ('shop', 'oa') AND r.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM identity_link l JOIN golden_customer g USING (golden_id)
                    WHERE g.status = 'ACTIVE' AND l.source_system = r.source_system
                      AND l.source_entity = r.source_entity AND l.source_key = r.source_key)
                """, Long.class);
        return new Audit(lines.size() + customers.size(), shopLost, oaItems, oaLost, unlinked);
    }

    /** OA changes made so far (each new record and each new version of one). */
    public long oaChanges() {
        synchronized (oa) {
            return oaChanges;
        }
    }

    private static long difference(Set<String> produced, Set<String> stored) {
        Set<String> missing = new HashSet<>(produced);
        missing.removeAll(stored);
        Set<String> extra = new HashSet<>(stored);
        extra.removeAll(produced);
        return missing.size() + extra.size();
    }

    private static Set<String> live(JdbcTemplate crm, String table, String entity) {
        return new HashSet<>(crm.queryForList("SELECT source_key FROM " + table + " WHERE source_system = 'shop' "
                + "AND source_entity = ? AND deleted_at IS NULL", String.class, entity));
    }

    private static long distinctLogged(JdbcTemplate crm, String system) {
        try {
            return crm.queryForObject("SELECT count(*) FROM (SELECT DISTINCT source_entity, source_key, "
                    + "source_sequence FROM change_log WHERE source_system = ?) d", Long.class, system);
        } catch (org.springframework.dao.DataAccessException e) {
            return 0; // the store is away or not migrated yet
        }
    }

    @Override
    public void close() {
        stop();
        oaServer.close();
    }
}
