package io.crmhub.it.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft Kafka broker (combined broker and controller) as its own OS process, from the Kafka server jar on
 * the test classpath ({@code kafka.Kafka}), on fixed ports so a restart comes back on the same address with the
 * same log directory. {@link #kill()} is SIGKILL: no controlled shutdown, the log recovers on the next start.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final int port;
    private final Path config;
    private Process process;
    private int starts;

    KafkaBrokerProcess(Path dir, int port, int controllerPort) throws IOException, InterruptedException {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        Files.createDirectories(this.dir);
        this.config = this.dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + this.dir.resolve("log"), "num.partitions=3", "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168", "") );
        run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                "--ignore-formatted"), dir.resolve("format.log")).waitFor(120, TimeUnit.SECONDS);
    }

    String brokers() {
        return "localhost:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    void start() throws IOException {
        starts++;
        process = run(List.of("kafka.Kafka", config.toString()), dir.resolve("broker-" + starts + ".log"));
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "kafka-broker-" + started.pid()));
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + started.exitValue() + ": see "
                        + dir.resolve("broker-" + starts + ".log"));
            }
            return accepts();
        });
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process run(List<String> mainAndArgs, Path log) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
