package io.crmhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default's servers in a JVM of their own ({@link EmbeddedServersMain}, the test classpath), as a hub
 * starts them. Killed with SIGKILL, that JVM leaves its PostgreSQL running (it is a process of its own) on the fixed
 * port; the next start must find it, stop it and start normally. A server on the port that is not a hub's leftover —
 * the PostgreSQL of a hub still running, or any other program — still refuses the start, saying which it is.
 *
 * <p>Consoles in {@code target/embedded-orphan/}.
 */
class EmbeddedOrphanIT {

    /** Generous: a JVM on a loaded 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Path LOGS = Path.of("target", "embedded-orphan");
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void theServerOfAKilledHubIsStoppedByTheNextStartWhichThenSucceeds() throws Exception {
        int port = freePort();
        Process first = start(port, "first");
        long firstServer = awaitServer(port, first, 0);
        Path firstData = Path.of(query(port, "SHOW data_directory"));

        // while its hub lives, the server is that hub's: a second start on the port is refused and leaves it alone
        Process second = start(port, "second");
        assertThat(second.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("exit code, see %s", log("second")).isEqualTo(3);
        assertThat(Files.readString(log("second"))).contains("port " + port + " is already in use by the embedded "
                + "PostgreSQL (pid " + firstServer + ") of another crm-hub that is still running");
        assertThat(ProcessHandle.of(firstServer).map(ProcessHandle::isAlive)).contains(true);

        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // the orphan this is about: still running, still answering on the port
        assertThat(ProcessHandle.of(firstServer).map(ProcessHandle::isAlive)).contains(true);
        assertThat(postmaster(port)).isEqualTo(firstServer);

        Process third = start(port, "third");
        long thirdServer = awaitServer(port, third, firstServer);
        assertThat(thirdServer).isNotEqualTo(firstServer);
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(firstServer).isEmpty()
                || !ProcessHandle.of(firstServer).get().isAlive());
        assertThat(firstData).doesNotExist();

        // and a hub that is stopped (SIGTERM) stops its server: nothing is left behind
        third.destroy();
        assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(thirdServer).isEmpty()
                || !ProcessHandle.of(thirdServer).get().isAlive());
    }

    @Test
    void aPortHeldByAnotherProgramIsRefusedAndThatProgramKeepsIt() throws Exception {
        try (ServerSocket foreign = new ServerSocket()) {
            foreign.setReuseAddress(true);
            foreign.bind(new InetSocketAddress("localhost", 0));
            int port = foreign.getLocalPort();
            Process hub = start(port, "foreign");
            assertThat(hub.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(hub.exitValue()).as("exit code, see %s", log("foreign")).isEqualTo(3);
            assertThat(Files.readString(log("foreign"))).contains("port " + port + " is already in use by a program "
                    + "that is not a crm-hub's embedded PostgreSQL; stop it or choose another port with "
                    + "hub.embedded.postgres-port");
            assertThat(foreign.isBound() && !foreign.isClosed()).isTrue();
        }
    }

    private Process start(int port, String name) throws IOException {
        Files.createDirectories(LOGS);
        Files.deleteIfExists(log(name));
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                EmbeddedServersMain.class.getName(), String.valueOf(port));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start();
        started.add(p);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "embedded-orphan-" + p.pid()));
        return p;
    }

    /** The postmaster's pid once a server other than {@code earlier} answers with database {@code crm} (created). */
    private static long awaitServer(int port, Process hub, long earlier) {
        return await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            assertThat(hub.isAlive()).as("hub JVM alive").isTrue();
            return postmaster(port);
        }, pid -> pid > 0 && pid != earlier);
    }

    private static long postmaster(int port) throws SQLException {
        return Long.parseLong(query(port, "SELECT split_part(pg_read_file('postmaster.pid'), E'\\n', 1)"));
    }

    private static String query(int port, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/crm", "postgres",
                "postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Path log(String name) {
        return LOGS.resolve(name + ".log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("localhost", 0));
            return s.getLocalPort();
        }
    }
}
