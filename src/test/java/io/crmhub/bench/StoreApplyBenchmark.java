package io.crmhub.bench;

import io.crmhub.CrmHubApplication;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.config.HubKafkaProperties;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The apply stage alone, run by hand: {@code mvn -Pbench-apply verify -Dbench.changes=100000} (docs/benchmarks.md).
 * Not a test. Starts the hub in-process (embedded PostgreSQL and Kafka, capture off), puts N canonical events with
 * realistic duplicates and hot keys ({@link ApplyLoad}) on the canonical topics, and measures how fast the store
 * consumer drains them: stored, every customer linked to a golden customer, every payment's KPI fact written. Then
 * a second N on top of the first (a store already holding them), to show whether the cost grows with the store.
 */
public final class StoreApplyBenchmark {

    private StoreApplyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int changes = Integer.getInteger("bench.changes", 100_000);
        int rounds = Integer.getInteger("bench.rounds", 2);
        String extra = System.getProperty("bench.args", "");
        int exit = 1;
        // the database's own account of the KPI upkeep (trigger and restatement functions): pg_stat_user_functions
        String pg = System.getProperty("hub.embedded.postgres-config", "");
        if (!pg.contains("track_functions")) {
            System.setProperty("hub.embedded.postgres-config", (pg.isBlank() ? "" : pg + ",") + "track_functions=all");
        }
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test")
                .run(("--hub.connectors.erp.enabled=false --hub.simulator.erp.enabled=false "
                        + "--logging.level.root=WARN " + extra).trim().split("\\s+"))) {
            JdbcTemplate crm = new JdbcTemplate(hub.getBean(DataSource.class));
            HubKafkaProperties kafka = hub.getBean(HubKafkaProperties.class);
            String system = "bench" + UUID.randomUUID().toString().substring(0, 4);
            ApplyLoad load = new ApplyLoad(42, system, Integer.getInteger("bench.orders", 0));
            // -Dbench.kpi-aggregates=off: the KPI aggregate upkeep (V13 triggers) off, to measure what it costs
            boolean aggregates = !"off".equals(System.getProperty("bench.kpi-aggregates", "on"));
            if (!aggregates) {
                for (String table : List.of("kpi_fact", "kpi_lifecycle", "identity_link")) {
                    crm.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                }
            }
            say("KPI aggregate upkeep %s", aggregates ? "on" : "OFF (triggers disabled)");
            double[] rates = new double[rounds];
            io.micrometer.core.instrument.MeterRegistry registry =
                    hub.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            double[] upkeepShare = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                StoreStages before = StoreStages.snapshot(registry);
                java.util.Map<String, Double> upkeepBefore = StatementStats.upkeep(crm);
                StatementStats.reset(crm, StoreApplyBenchmark::say);
                rates[round] = round(crm, kafka, registry, load.next(changes), system, round + 1);
                StoreStages after = StoreStages.snapshot(registry);
                java.util.Map<String, Double> upkeepAfter = StatementStats.upkeep(crm);
                say("round %d stages (store transaction time):%s", round + 1, after.describeSince(before));
                double transactions = after.since(before).entrySet().stream()
                        .filter(e -> List.of("records", "identity", "kpi").contains(e.getKey()))
                        .mapToDouble(java.util.Map.Entry::getValue).sum();
                StringBuilder functions = new StringBuilder();
                double upkeep = 0;
                for (var e : upkeepAfter.entrySet()) {
                    double seconds = e.getValue() - upkeepBefore.getOrDefault(e.getKey(), 0.0);
                    functions.append(String.format(" %s=%.2fs", e.getKey(), seconds));
                    upkeep += seconds;
                }
                // the restatement runs at commit, outside the stages: a batch's time is its stages plus that
                upkeepShare[round] = upkeep / (transactions + upkeep);
                say("round %d KPI aggregate upkeep (database time of its triggers and of the restatement at commit):%s; "
                        + "%.1f s of %.1f s store transaction time (%.1f %%)", round + 1, functions, upkeep,
                        transactions + upkeep, 100 * upkeepShare[round]);
                StatementStats.print(crm, 15, StoreApplyBenchmark::say);
            }
            long goldens = crm.queryForObject("SELECT count(DISTINCT golden_id) FROM identity_link WHERE source_system = ?",
                    Long.class, system);
            long purged = crm.queryForObject("SELECT count(*) FROM identity_key_count WHERE records > 100", Long.class);
            say("mix: %s; %,d golden customers; %,d keys over the block cap", load.mix(), goldens, purged);
            StringBuilder result = new StringBuilder("RESULT store_apply changes=" + changes);
            for (int i = 0; i < rounds; i++) {
                result.append(" round").append(i + 1).append("_per_s=").append(Math.round(rates[i]));
            }
            if (rounds > 1) {
                result.append(" second_vs_first=").append(String.format("%.2f", rates[1] / rates[0]));
            }
            for (int i = 0; i < rounds; i++) {
                result.append(" round").append(i + 1).append("_upkeep_pct=")
                        .append(String.format(java.util.Locale.ROOT, "%.1f", 100 * upkeepShare[i]));
            }
            result.append(" goldens=").append(goldens).append(" copies=").append(load.copies)
                    .append(" orders=").append(load.orders).append(" kpi_aggregates=").append(aggregates ? "on" : "off");
            System.out.println(result);
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.out.flush();
            System.exit(exit); // runs the shutdown hooks that stop the embedded PostgreSQL and Kafka
        }
    }

    private static double round(JdbcTemplate crm, HubKafkaProperties kafka,
                                io.micrometer.core.instrument.MeterRegistry registry, List<CanonicalEvent> events,
                                String system, int round) throws Exception {
        long customers = events.stream().filter(e -> e.entity() == io.crmhub.canonical.EntityType.CUSTOMER).count();
        long logged = count(crm, "SELECT count(*) FROM change_log WHERE source_system = ?", system);
        // watched through the store's own counter (committed batches), so the watching costs the database nothing
        double target = applied(registry) + events.size();
        long t0 = System.nanoTime();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (CanonicalEvent e : events) {
                String topic = switch (e.entity()) {
                    case CUSTOMER -> kafka.topics().customer();
                    case PAYMENT -> kafka.topics().payment();
                    case ORDER -> kafka.topics().order();
                    default -> throw new IllegalStateException(e.entity().toString());
                };
                producer.send(new ProducerRecord<>(topic, e.source().qualifiedKey(), CanonicalJson.write(e)));
            }
        }
        double published = (System.nanoTime() - t0) / 1e9;
        long lastReport = System.nanoTime();
        while (applied(registry) < target) {
            Thread.sleep(50);
            if (System.nanoTime() - lastReport > 5e9) {
                lastReport = System.nanoTime();
                say("round %d: %,.0f of %,d applied after %.0f s", round,
                        events.size() - (target - applied(registry)), events.size(), (lastReport - t0) / 1e9);
            }
        }
        // a batch re-read after a rebalance counts its events as duplicates, not applied: the store decides
        while (count(crm, "SELECT count(*) FROM change_log WHERE source_system = ?", system) - logged < events.size()) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long unlinked = count(crm, "SELECT count(*) FROM customer_record c WHERE source_system = ? AND NOT EXISTS "
                + "(SELECT 1 FROM identity_link l WHERE l.source_system = c.source_system AND l.source_entity = "
                + "c.source_entity AND l.source_key = c.source_key)", system);
        say("round %d: %,d events (%,d customer changes) published in %.1f s, applied, linked and KPI facts written "
                + "in %.1f s: %,.0f changes/s; %d customers unlinked", round, events.size(), customers, published,
                seconds, events.size() / seconds, unlinked);
        return events.size() / seconds;
    }

    private static double applied(io.micrometer.core.instrument.MeterRegistry registry) {
        return registry.find("hub.store.events").counters().stream()
                .filter(c -> !"stale".equals(c.getId().getTag("outcome")))
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** Seconds the database spent in the KPI upkeep functions so far (trigger functions include what they call). */
    private static long count(JdbcTemplate crm, String sql, String system) {
        return crm.queryForObject(sql, Long.class, system);
    }

    private static void say(String line) {
        System.out.println("[apply-bench] " + line);
    }

    private static void say(String format, Object... args) {
        say(String.format(format, args));
    }
}
