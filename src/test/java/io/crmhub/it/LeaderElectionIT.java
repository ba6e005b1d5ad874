package io.crmhub.it;

import static io.crmhub.it.CaptureLeadership.CDC;
import static io.crmhub.it.CaptureLeadership.awaitApplied;
import static io.crmhub.it.CaptureLeadership.cdcExchanges;
import static io.crmhub.it.CaptureLeadership.guard;
import static io.crmhub.it.CaptureLeadership.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two hubs side by side, sharing the CRM store, the ERP and a leadership folder: only the leader reads the ERP's
 * change stream; when the leader turns unhealthy or shuts down, the other takes over and resumes from the stored
 * offsets. Every change is applied exactly once and none is read twice from the ERP or published twice.
 */
class LeaderElectionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Path clusterRoot = Path.of("target", "cluster-" + run);
    private final List<Long> ids = new ArrayList<>();

    @Test
    void onlyTheHealthyLeaderReadsCdcAndTheOtherTakesOverWithoutLossOrDuplicates() throws Exception {
        ConfigurableApplicationContext a = startHub("a");
        ConfigurableApplicationContext b = null;
        try (ErpDatabase erp = new ErpDatabase(a.getBean(ErpConnectorProperties.class));
                SingleConnectionDataSource crmDs = crm(a)) {
            JdbcTemplate crm = new JdbcTemplate(crmDs);
            await().atMost(TIMEOUT).until(() -> guard(a).isLeader(CDC) && erp.isStreaming());
            b = startHub("b");
            ConfigurableApplicationContext hubB = b;

            // B stands by: it never leads and its CDC route sees nothing while A reads every change
            insert(erp, 5);
            awaitApplied(crm, ids, 5, TIMEOUT);
            await().during(Duration.ofSeconds(3)).atMost(TIMEOUT).until(() -> !guard(hubB).isLeader(CDC));
            assertThat(cdcExchanges(b)).isZero();
            // one exchange per Debezium batch: the five changes may come as one; awaitApplied counted them
            assertThat(cdcExchanges(a)).isPositive();
            assertThat(activeSlotConnections(erp)).isEqualTo(1);

            // A turns unhealthy: it stops its CDC reader, flushes the offsets and gives up; B takes over
            AvailabilityChangeEvent.publish(a, LivenessState.BROKEN);
            await().atMost(TIMEOUT).until(() -> guard(hubB).isLeader(CDC) && !guard(a).isLeader(CDC));
            insert(erp, 5);
            awaitApplied(crm, ids, 10, TIMEOUT);
            assertThat(cdcExchanges(b)).isPositive();

            // A is healthy again but B keeps the lead: there is no flapping back
            AvailabilityChangeEvent.publish(a, LivenessState.CORRECT);
            await().during(Duration.ofSeconds(3)).atMost(TIMEOUT).until(() -> guard(hubB).isLeader(CDC)
                    && !guard(a).isLeader(CDC));

            // B shuts down (flushing its offsets, then releasing the lock); the ERP changes before A has taken
            // over, and A resumes from B's stored offsets. (Changes in flight while the leader stops:
            // CdcStopMidStreamIT.)
            b.close();
            insert(erp, 10);
            await().atMost(TIMEOUT).until(() -> guard(a).isLeader(CDC) && erp.isStreaming());
            insert(erp, 5);
            awaitApplied(crm, ids, 25, TIMEOUT);

            String keys = keys(ids);
            assertThat(count(crm, "SELECT count(*) FROM change_log WHERE source_system = 'erp' AND source_entity = 'customers' "
                    + "AND source_key IN (" + keys + ")")).isEqualTo(25);
            assertThat(count(crm, "SELECT count(*) FROM customer_record WHERE source_system = 'erp' AND source_key IN (" + keys + ")"))
                    .isEqualTo(25);
            // every change published once: neither hub read any of them twice from the ERP's stream. (The store
            // consumers may re-read a Kafka batch whose offsets a rebalance kept from committing, as B joins or
            // leaves the group; the store counts those as duplicates and ignores them, so the topic is the witness.)
            // (other tests' ERP databases publish the same keys to the shared topic: this run's customer numbers tell
            // its records apart)
            Map<String, Long> published = TopicReader.readToEnd(kafka(a).brokers(), kafka(a).topics().customer(),
                    TIMEOUT).stream().filter(r -> r.value().contains("\"L-" + run + "-"))
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(published).hasSize(25);
            for (Long id : ids) {
                assertThat(published.get("erp:customers:" + id)).as("publications of customer " + id).isEqualTo(1L);
            }
            assertThat(activeSlotConnections(erp)).isEqualTo(1);
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }
    }

    private ConfigurableApplicationContext startHub(String name) {
        return new SpringApplicationBuilder(CrmHubApplication.class).profiles("local", "test")
                .run("--camel.main.name=crm-hub-" + name, "--spring.jmx.unique-names=true",
                        "--camel.cluster.file.root=" + clusterRoot.toAbsolutePath(),
                        // the ERP is seeded once, by the first hub
                        "--hub.simulator.erp.enabled=" + name.equals("a"));
    }

    private void insert(ErpDatabase erp, int n) {
        for (int i = 0; i < n; i++) {
            int seq = ids.size();
            ids.add(erp.insert("customers", Map.of("customer_no", "L-" + run + "-" + seq, "kind", "P",
                    "name", "选主测试" + seq, "mobile", "13900139" + String.format("%03d", seq), "status", "LEAD")));
        }
    }

    private static HubKafkaProperties kafka(ConfigurableApplicationContext hub) {
        return hub.getBean(HubKafkaProperties.class);
    }

    private static long activeSlotConnections(ErpDatabase erp) {
        return count(erp.jdbc(), "SELECT count(*) FROM pg_stat_replication r JOIN pg_replication_slots s "
                + "ON s.active_pid = r.pid WHERE s.slot_name = 'crm_hub_erp'");
    }

    private static SingleConnectionDataSource crm(ConfigurableApplicationContext hub) {
        var env = hub.getEnvironment();
        return new SingleConnectionDataSource(env.getProperty("spring.datasource.url"),
                env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"), true);
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
