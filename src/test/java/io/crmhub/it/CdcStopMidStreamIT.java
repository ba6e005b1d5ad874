package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.ops.cluster.LeadershipGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The ERP keeps committing inserts while the CDC route is stopped and started three ways — the leader steps down
 * and back (LeadershipGuard), an operator stops and starts the route, the whole hub shuts down and starts again —
 * each time with changes in flight. Afterwards every inserted row is in the store exactly once, nothing was
 * delivered twice, and nothing went to the dead letter.
 */
class CdcStopMidStreamIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String CDC = "erp-cdc-capture";

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<Long> ids = new CopyOnWriteArrayList<>();
    private double duplicates;

    private ConfigurableApplicationContext hub;

    @Test
    void noCommittedChangeIsLostOrRepeatedWhenTheCdcRouteStopsMidStream() throws Exception {
        hub = startHub();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (ErpDatabase erp = new ErpDatabase(hub.getBean(ErpConnectorProperties.class));
                ErpDatabase writerConnection = new ErpDatabase(hub.getBean(ErpConnectorProperties.class));
                SingleConnectionDataSource crmDs = crm(hub)) {
            JdbcTemplate crm = new JdbcTemplate(crmDs);
            await().atMost(TIMEOUT).until(() -> leads() && erp.isStreaming());
            writer.scheduleAtFixedRate(() -> insert(writerConnection), 0, 25, TimeUnit.MILLISECONDS);
            awaitMoreInserts(crm, 40);
            leaderStepsDownAndBack(erp);
            awaitMoreInserts(crm, 40);
            operatorStopsAndStartsTheRoute(erp);
            awaitMoreInserts(crm, 40);
            hubRestarts(erp);
            awaitMoreInserts(crm, 40);
            writer.shutdown();
            assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertEveryInsertAppliedOnce(crm);
        } finally {
            writer.shutdownNow();
            hub.close();
        }
    }

    /** LeadershipGuard stops the route when the hub turns unhealthy, and starts it again when it recovers. */
    private void leaderStepsDownAndBack(ErpDatabase erp) {
        AvailabilityChangeEvent.publish(hub, LivenessState.BROKEN);
        await().atMost(TIMEOUT).until(() -> status() == ServiceStatus.Stopped && !erp.isStreaming());
        AvailabilityChangeEvent.publish(hub, LivenessState.CORRECT);
        await().atMost(TIMEOUT).until(() -> leads() && erp.isStreaming());
    }

    /** An operator stops and starts the route (Hawtio, JMX): Camel stops the route's processors first. */
    private void operatorStopsAndStartsTheRoute(ErpDatabase erp) throws Exception {
        hub.getBean(CamelContext.class).getRouteController().stopRoute(CDC);
        await().atMost(TIMEOUT).until(() -> !erp.isStreaming());
        hub.getBean(CamelContext.class).getRouteController().startRoute(CDC);
        await().atMost(TIMEOUT).until(erp::isStreaming);
    }

    private void hubRestarts(ErpDatabase erp) {
        duplicates += duplicates();
        hub.close();
        await().atMost(TIMEOUT).until(() -> !erp.isStreaming());
        hub = startHub();
    }

    private void assertEveryInsertAppliedOnce(JdbcTemplate crm) {
        String keys = String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
        await().atMost(TIMEOUT).until(() -> count(crm, "SELECT count(*) FROM customer_record "
                + "WHERE source_system = 'erp' AND source_key IN (" + keys + ")") == ids.size());
        duplicates += duplicates();
        assertThat(count(crm, "SELECT count(*) FROM change_log WHERE source_system = 'erp' "
                + "AND source_entity = 'customers' AND source_key IN (" + keys + ")")).isEqualTo(ids.size());
        assertThat(count(crm, "SELECT count(*) FROM dead_letter WHERE source_key IN (" + keys + ") "
                + "OR raw_record LIKE '%S-" + run + "-%'")).isZero();
        assertThat(duplicates).as("changes delivered twice").isZero();
    }

    private void insert(ErpDatabase erp) {
        int seq = ids.size();
        ids.add(erp.insert("customers", Map.of("customer_no", "S-" + run + "-" + seq, "kind", "P",
                "name", "停止测试" + run + "号" + seq, "status", "LEAD")));
    }

    /** Waits until the store has caught up with at least {@code n} inserts made after this call. */
    private void awaitMoreInserts(JdbcTemplate crm, int n) {
        int target = ids.size() + n;
        await().atMost(TIMEOUT).until(() -> ids.size() >= target);
        long last = ids.get(target - 1);
        await().atMost(TIMEOUT).until(() -> count(crm, "SELECT count(*) FROM customer_record "
                + "WHERE source_system = 'erp' AND source_key = '" + last + "'") == 1);
    }

    private static ConfigurableApplicationContext startHub() {
        return new SpringApplicationBuilder(CrmHubApplication.class).profiles("local", "test").run();
    }

    private boolean leads() {
        return hub.getBean(LeadershipGuard.class).isLeader(CDC);
    }

    private ServiceStatus status() {
        return hub.getBean(CamelContext.class).getRouteController().getRouteStatus(CDC);
    }

    private double duplicates() {
        return hub.getBean(MeterRegistry.class).find("hub.store.events").tag("outcome", "duplicate").counters()
                .stream().mapToDouble(Counter::count).sum();
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
