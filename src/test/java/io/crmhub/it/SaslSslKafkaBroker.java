package io.crmhub.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real KRaft broker whose only client listener is SASL_SSL with SCRAM-SHA-512, as a production cluster the hub
 * joins with {@code hub.kafka.security.*}. Its TLS key pair (CN and SAN {@code localhost}, so the clients' host name
 * check stays on) and the clients' truststore are made by the JDK's keytool in a temporary folder. A second,
 * PLAINTEXT listener serves only the broker itself (inter-broker) and this class (to register the SCRAM user); its
 * address is never handed to the hub.
 */
final class SaslSslKafkaBroker implements AutoCloseable {

    static final String USER = "crm-hub";
    static final String MECHANISM = "SCRAM-SHA-512";

    private final EmbeddedKafkaKraftBroker broker;
    private final Path folder;
    private final String password = "hub-" + UUID.randomUUID();
    private final String storePassword = "store-" + UUID.randomUUID();

    private SaslSslKafkaBroker(Path folder) {
        this.folder = folder;
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore().toString(), "-storepass", storePassword, "-keypass", storePassword);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore().toString(),
                "-storepass", storePassword, "-file", folder.resolve("broker.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "broker-ca", "-file", folder.resolve("broker.pem").toString(),
                "-storetype", "PKCS12", "-keystore", truststore().toString(), "-storepass", storePassword);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listeners", "EXTERNAL://localhost:0,INTERNAL://localhost:0,CONTROLLER://localhost:0");
        props.put("listener.security.protocol.map", "EXTERNAL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "INTERNAL");
        props.put("sasl.enabled.mechanisms", MECHANISM);
        props.put("listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.external.ssl.keystore.location", keystore().toString());
        props.put("listener.name.external.ssl.keystore.password", storePassword);
        props.put("listener.name.external.ssl.key.password", storePassword);
        props.put("listener.name.external.ssl.keystore.type", "PKCS12");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        broker = SideKafkaBroker.start(1, props);
    }

    /** Starts the broker and registers {@link #USER} with a fresh password. */
    static SaslSslKafkaBroker start() {
        try {
            SaslSslKafkaBroker b = new SaslSslKafkaBroker(Files.createTempDirectory("crm-hub-kafka-tls"));
            b.addUser();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SASL_SSL listener: the only address the hub is given. */
    String brokers() {
        return broker.getBrokersAsString();
    }

    Path truststore() {
        return folder.resolve("truststore.p12");
    }

    String truststorePassword() {
        return storePassword;
    }

    String jaas(String user, String secret) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + secret + "\";";
    }

    String hubJaas() {
        return jaas(USER, password);
    }

    /** {@code hub.kafka.*} for a hub that joins this broker. */
    Map<String, Object> hubProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hub.kafka.brokers", brokers());
        p.put("hub.kafka.security.protocol", "SASL_SSL");
        p.put("hub.kafka.security.sasl-mechanism", MECHANISM);
        p.put("hub.kafka.security.sasl-jaas-config", hubJaas());
        p.put("hub.kafka.security.truststore-location", truststore().toString());
        p.put("hub.kafka.security.truststore-password", storePassword);
        p.put("hub.kafka.security.truststore-type", "PKCS12");
        return p;
    }

    private String internalListener() {
        int port = broker.getCluster().brokers().values().iterator().next()
                .boundPort(ListenerName.normalised("INTERNAL"));
        return "localhost:" + port;
    }

    private void addUser() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", internalListener()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("SCRAM user not registered", e);
        }
        // the broker learns the credential from the metadata log: wait until a secured login works
        Map<String, Object> secured = new LinkedHashMap<>();
        secured.put("bootstrap.servers", brokers());
        secured.put("security.protocol", "SASL_SSL");
        secured.put("sasl.mechanism", MECHANISM);
        secured.put("sasl.jaas.config", hubJaas());
        secured.put("ssl.truststore.location", truststore().toString());
        secured.put("ssl.truststore.password", storePassword);
        secured.put("ssl.truststore.type", "PKCS12");
        secured.put("default.api.timeout.ms", 5000);
        secured.put("request.timeout.ms", 5000);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Admin admin = Admin.create(secured)) {
                admin.listTopics().names().get(5, TimeUnit.SECONDS);
                return true;
            }
        });
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path keystore() {
        return folder.resolve("broker.p12");
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
