package io.crmhub.it;

import static io.crmhub.it.CaptureLeadership.CDC;
import static io.crmhub.it.CaptureLeadership.awaitApplied;
import static io.crmhub.it.CaptureLeadership.cdcExchanges;
import static io.crmhub.it.CaptureLeadership.guard;
import static io.crmhub.it.CaptureLeadership.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Leader election by Kubernetes Leases, as the {@code k8s} profile configures it (camel-kubernetes-cluster-service),
 * against fabric8's Kubernetes API mock in CRUD mode: two hubs in pods labelled as the Deployment's; the one holding
 * the Lease {@code crm-hub-erp-cdc-capture} reads the ERP's change stream, the other stands by; when the leader stops
 * and its pod goes, the other takes the Lease and resumes capture from the stored offsets. Lease times are cut to
 * seconds; the rest is application-k8s.yaml.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseLeadershipIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String NAMESPACE = "crm";
    private static final String LEASE = "crm-hub-" + CDC;

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<Long> ids = new ArrayList<>();

    /**
     * Camel 4.17's cluster service ignores {@code camel.cluster.kubernetes.master-url} and {@code kubernetes-namespace}
     * (its doInit copies them only into a configuration object it never has) and builds fabric8's default client,
     * which in a pod finds the API server and namespace by itself. Here the same default client is pointed at the
     * mock by fabric8's own system properties.
     */
    @BeforeEach
    void pointTheDefaultKubernetesClientAtTheMock() {
        CLIENT_SETTINGS.forEach((k, v) -> System.setProperty(k, v.get()));
    }

    @AfterEach
    void restoreClientSettings() {
        CLIENT_SETTINGS.keySet().forEach(System::clearProperty);
    }

    private static final Map<String, java.util.function.Supplier<String>> CLIENT_SETTINGS = Map.of(
            "kubernetes.master", () -> server.url("/"),
            "kubernetes.namespace", () -> NAMESPACE,
            "kubernetes.auth.tryKubeConfig", () -> "false",
            "kubernetes.auth.tryServiceAccount", () -> "false",
            "kubernetes.trust.certificates", () -> "true");

    @Test
    void theLeaseHolderCapturesAndTheOtherHubTakesOverWhenItStops() throws Exception {
        pod("hub-a");
        pod("hub-b");
        ConfigurableApplicationContext a = startHub("hub-a");
        ConfigurableApplicationContext b = null;
        try (ErpDatabase erp = new ErpDatabase(a.getBean(ErpConnectorProperties.class));
                SingleConnectionDataSource crmDs = crm(a)) {
            JdbcTemplate crm = new JdbcTemplate(crmDs);
            await().atMost(TIMEOUT).until(() -> guard(a).isLeader(CDC) && erp.isStreaming());
            assertThat(holder()).isEqualTo("hub-a");

            b = startHub("hub-b");
            ConfigurableApplicationContext hubB = b;
            insert(erp, 3);
            awaitApplied(crm, ids, 3, TIMEOUT);
            // B stands by for at least a few renewals of A's Lease
            await().during(Duration.ofSeconds(4)).atMost(TIMEOUT).until(() -> !guard(hubB).isLeader(CDC)
                    && "hub-a".equals(holder()));
            assertThat(cdcExchanges(b)).isZero();
            assertThat(cdcExchanges(a)).isPositive();

            // A stops (its CDC reader first, flushing the offsets), then Kubernetes removes its pod. Camel 4.17 judges
            // the Lease holder by membership, not by the renew time: a holder is valid while its pod is running and
            // ready, so the pod's going is what lets B acquire (B then waits one lease duration before it leads)
            a.close();
            assertThat(holder()).as("a stopped hub does not give its Lease back").isEqualTo("hub-a");
            client.pods().inNamespace(NAMESPACE).withName("hub-a").delete();
            await().atMost(TIMEOUT).until(() -> guard(hubB).isLeader(CDC) && erp.isStreaming());
            assertThat(holder()).isEqualTo("hub-b");
            assertThat(client.leases().inNamespace(NAMESPACE).withName(LEASE).get().getSpec().getLeaseTransitions())
                    .isPositive();
            insert(erp, 3);
            awaitApplied(crm, ids, 6, TIMEOUT);
            assertThat(cdcExchanges(b)).isPositive();

            // every change applied once: nothing lost in the hand-over, nothing read twice
            String keys = keys(ids);
            assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'erp' "
                    + "AND source_entity = 'customers' AND source_key IN (" + keys + ")", Long.class)).isEqualTo(6);
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }
    }

    /** A running, ready pod of the hub Deployment: the cluster service counts only those as candidates. */
    private static void pod(String name) {
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/name", "crm-hub").addToLabels("app.kubernetes.io/component", "hub")
                .endMetadata()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build()).create();
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private ConfigurableApplicationContext startHub(String pod) {
        return new SpringApplicationBuilder(CrmHubApplication.class).profiles("local", "test", "k8s")
                .run("--camel.main.name=crm-" + pod, "--spring.jmx.unique-names=true",
                        // the k8s profile reads routes and mappings from HUB_CONFIG_DIR: the repository's own
                        "--HUB_CONFIG_DIR=" + Path.of("").toAbsolutePath(),
                        "--camel.cluster.kubernetes.pod-name=" + pod,
                        "--camel.cluster.kubernetes.lease-duration-millis=3000",
                        "--camel.cluster.kubernetes.renew-deadline-millis=2000",
                        "--camel.cluster.kubernetes.retry-period-millis=500",
                        "--logging.level.io.fabric8.mockwebserver=WARN",
                        // the ERP is seeded once, by the first hub
                        "--hub.simulator.erp.enabled=" + pod.equals("hub-a"));
    }

    private void insert(ErpDatabase erp, int n) {
        for (int i = 0; i < n; i++) {
            int seq = ids.size();
            ids.add(erp.insert("customers", Map.of("customer_no", "K-" + run + "-" + seq, "kind", "P",
                    "name", "租约测试" + seq, "mobile", "13700137" + String.format("%03d", seq), "status", "LEAD")));
        }
    }

    private static SingleConnectionDataSource crm(ConfigurableApplicationContext hub) {
        var env = hub.getEnvironment();
        return new SingleConnectionDataSource(env.getProperty("spring.datasource.url"),
                env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"), true);
    }
}
