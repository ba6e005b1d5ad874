package io.crmhub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hub started as its own OS process in the prod profile ({@link HubProcesses#javaCommand()}), addresses from
 * environment variables as in a deployment, with a replication slot, topics and consumer group of its own (named
 * after the test) so it cannot meet another test's hub on shared servers. Console to a file; a JVM shutdown hook
 * kills it should the test's JVM end first.
 */
public final class HubProcess {

    /** Where the hub finds the CRM store, the broker and the ERP. */
    public record Servers(String crmJdbcUrl, String kafkaBrokers, String erpHost, int erpPort, String erpDatabase) {}

    private HubProcess() {}

    /**
     * @param name       names the slot ({@code crm_hub_<name>}), topics ({@code <name>.canonical.*}) and group
     * @param clusterDir the file lock two hubs of one cluster share (leader election of capture)
     * @param extra      further {@code --key=value} arguments
     */
    public static Process start(Servers servers, String name, Path clusterDir, Path log, List<String> extra)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(HubProcesses.javaCommand());
        if (extra.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            command.add("--server.port=0");
        }
        command.addAll(List.of("--spring.profiles.active=prod", "--management.server.port=0",
                "--hub.connectors.erp.slot-name=" + slot(name), "--hub.connectors.erp.publication-name=" + slot(name),
                "--hub.connectors.scm.enabled=false", "--hub.kafka.store-group=" + name + "-store",
                "--hub.kafka.topics.customer=" + name + ".canonical.customer",
                "--hub.kafka.topics.order=" + name + ".canonical.order",
                "--hub.kafka.topics.order-line=" + name + ".canonical.order-line",
                "--hub.kafka.topics.payment=" + name + ".canonical.payment",
                "--hub.kafka.topics.interaction=" + name + ".canonical.interaction",
                "--hub.kafka.topics.shipment=" + name + ".canonical.shipment",
                "--hub.kafka.topics.dead-letter=" + name + ".deadletter",
                "--hub.kafka.topics.identity=" + name + ".identity",
                // smaller batches: more of them in flight when a fault comes
                "--hub.kafka.store-batch-size=200",
                // a killed member never leaves the group: let the broker drop it after 6 s, not the default 45 s
                "--camel.component.kafka.session-timeout-ms=6000",
                "--camel.component.kafka.heartbeat-interval-ms=1000"));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.ofEntries(
                Map.entry("CRM_DB_URL", servers.crmJdbcUrl()), Map.entry("CRM_DB_USER", "postgres"),
                Map.entry("CRM_DB_PASSWORD", "postgres"), Map.entry("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBrokers()),
                Map.entry("KAFKA_TOPIC_PARTITIONS", "3"), Map.entry("KAFKA_TOPIC_REPLICATION", "1"),
                Map.entry("ERP_DB_HOST", servers.erpHost()), Map.entry("ERP_DB_PORT", String.valueOf(servers.erpPort())),
                Map.entry("ERP_DB_NAME", servers.erpDatabase()), Map.entry("ERP_DB_USER", "postgres"),
                Map.entry("ERP_DB_PASSWORD", "postgres"),
                // the embedded PostgreSQL and the test broker have no TLS: said here (prod requires verify-full and
                // SASL_SSL)
                Map.entry("DB_SSL_MODE", "disable"), Map.entry("DB_SSL_REQUIRE_VERIFY_FULL", "false"),
                Map.entry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
                Map.entry("HUB_CLUSTER_DIR", clusterDir.toAbsolutePath().toString())));
        System.out.println("hub " + name + ": console in " + log.toAbsolutePath());
        Process hub = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(hub::destroyForcibly, "hub-" + name + "-" + hub.pid()));
        return hub;
    }

    /** The ERP replication slot (and publication) of the hubs started under this name. */
    public static String slot(String name) {
        return "crm_hub_" + name.replace('-', '_');
    }

    /** Stops a hub that is still running: gracefully, then forcibly. */
    public static void stop(Process hub) throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            if (!hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }
}
