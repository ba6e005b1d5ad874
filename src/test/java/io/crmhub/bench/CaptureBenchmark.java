package io.crmhub.bench;

import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.camel.CamelContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Capture → Kafka only, the part the CDC benchmark's end-to-end figure hides behind the store: starts the hub with the
 * store stage stopped, commits {@code bench.changes} ERP changes ({@link ErpLoad}, the CDC benchmark's mix) and follows
 * the canonical topics' end offsets until every change is in Kafka; reports changes/s from the first commit and the
 * Kafka producers' records per produce request. Run by hand (docs/benchmarks.md):
 * {@code mvn -B -Pbench verify -Dbench.main=io.crmhub.bench.CaptureBenchmark -Dbench.changes=100000}.
 * Not a test: it measures, it asserts nothing.
 */
public final class CaptureBenchmark {

    private CaptureBenchmark() {}

    public static void main(String[] args) {
        int exit = 1;
        try {
            run(Integer.getInteger("bench.changes", 100_000), Integer.getInteger("bench.batch-size", 500));
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.exit(exit);
        }
    }

    static void run(int changes, int batchSize) throws Exception {
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                // the product's own poll interval: a copy of an old default here measured another product
                .profiles("local", "test").run("--logging.level.root=WARN", "--logging.level.io.crmhub=INFO");
        // the store competes for the same two cores; this benchmark is about capture and publishing
        hub.getBean(CamelContext.class).getRouteController().stopRoute("canonical-store-apply");
        ErpConnectorProperties erp = hub.getBean(ErpConnectorProperties.class);
        HubKafkaProperties kafka = hub.getBean(HubKafkaProperties.class);
        Set<String> topics = new HashSet<>(kafka.topics().canonical());
        String url = "jdbc:postgresql://" + erp.host() + ":" + erp.port() + "/" + erp.database();
        try (Connection db = DriverManager.getConnection(url, erp.user(), erp.password())) {
            while (!Boolean.TRUE.equals(streaming(db, erp.slotName()))) {
                Thread.sleep(200);
            }
        }
        ErpLoad load = new ErpLoad(url, erp.user(), erp.password(), 42);
        long settled;
        LoadRound round;
        long end;
        try (Admin admin = KafkaOffsets.admin(kafka.brokers())) {
            // the snapshot's READs must be in Kafka before the clock starts: the end offsets stay put for 3 s
            long[] seen = {-1};
            await("the snapshot in Kafka").atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(3)).until(() -> {
                        long now = KafkaOffsets.end(admin, topics);
                        boolean still = now == seen[0];
                        seen[0] = now;
                        return still;
                    });
            settled = seen[0];
            round = load.run("capture", changes, batchSize, 0);
            try {
                await("the load in Kafka").atMost(Duration.ofMinutes(30)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> KafkaOffsets.end(admin, topics) - settled >= changes);
            } catch (ConditionTimeoutException e) {
                // reported below with what did reach Kafka
            }
            end = KafkaOffsets.end(admin, topics) - settled;
        }
        long done = System.currentTimeMillis();
        double seconds = (done - round.firstCommitMillis()) / 1000.0;
        double commitSeconds = (round.lastCommitMillis() - round.firstCommitMillis()) / 1000.0;
        System.out.printf("RESULT capture_to_kafka changes=%d in_kafka=%d seconds=%.1f changes_per_s=%.0f "
                        + "commit_seconds=%.1f records_per_request=%.1f%n", changes, end, seconds, end / seconds,
                commitSeconds,
                ShopFileBenchmark.recordsPerRequest());
        hub.close();
    }

    private static Boolean streaming(Connection db, String slot) throws Exception {
        try (var st = db.prepareStatement("SELECT coalesce(bool_or(active), false) FROM pg_replication_slots "
                + "WHERE slot_name = ?")) {
            st.setString(1, slot);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
