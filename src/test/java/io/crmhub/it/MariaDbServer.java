package io.crmhub.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A real MariaDB server (Debian's {@code mariadb-server}, installed by {@code .ci/run}) for tests and benchmarks: its
 * own data directory under {@code target/}, a free port, the binary log in ROW format with full row images (what
 * Debezium's binlog connectors need). Started as the current user ({@code --user=root} when that is root); stopped
 * with SIGTERM (a clean shutdown) and its directory removed. One server per test class: a start costs a few seconds.
 */
public final class MariaDbServer implements AutoCloseable {

    /** The capture user of the tests, with the grants connectors/README.md asks of a production ERP. */
    public static final String USER = "crmhub";
    public static final String PASSWORD = "crmhub-test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final Process process;

    private MariaDbServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Initialises a data directory, starts the server, waits until it answers and creates {@link #USER}. */
    public static MariaDbServer start() {
        try {
            Path dir = Files.createTempDirectory(Path.of(mkdirs("target/mariadb")).toAbsolutePath(), "server-");
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> install = new ArrayList<>(List.of(binary("mariadb-install-db"), "--no-defaults",
                    "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (root) {
                install.add("--user=root");
            }
            run(install, dir.resolve("install.log"));
            int port = freePort();
            List<String> server = new ArrayList<>(List.of(binary("mariadbd"), "--no-defaults", "--datadir=" + data,
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + socket(),
                    "--pid-file=" + dir.resolve("mysqld.pid"), "--log-bin=" + data.resolve("binlog"),
                    "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=1", "--skip-name-resolve",
                    "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M", "--character-set-server=utf8mb4",
                    "--collation-server=utf8mb4_unicode_ci", "--default-time-zone=+00:00"));
            if (root) {
                server.add("--user=root");
            }
            Process process = new ProcessBuilder(server).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            MariaDbServer started = new MariaDbServer(dir, port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            started.awaitReady();
            started.root().execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            started.root().execute("GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, "
                    + "REPLICATION CLIENT ON *.* TO '" + USER + "'@'%'");
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** JDBC URL of a database on this server (MariaDB's driver). */
    public String url(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    /** Creates a database (if missing) and lets {@link #USER} read it. */
    public void createDatabase(String database) {
        root().execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
    }

    /** Root on the server, as the ERP application's own schema owner (a connection per statement). */
    public JdbcTemplate root() {
        return new JdbcTemplate(new DriverManagerDataSource(url(""), "root", ""));
    }

    /** Root on one database; close the returned data source when done. */
    public SingleConnectionDataSource rootDataSource(String database) {
        return new SingleConnectionDataSource(url(database), "root", "", true);
    }

    private void awaitReady() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited (" + process.exitValue() + "): "
                        + tail(dir.resolve("server.log")));
            }
            try (Connection c = DriverManager.getConnection(url(""), "root", "")) {
                return c.isValid(2);
            } catch (SQLException notYet) {
                return false;
            }
        });
    }

    private void stopProcess() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Stops the server (clean shutdown) and removes its data directory. */
    @Override
    public void close() {
        stopProcess();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover directory under target/ is harmless
        }
    }

    private static String binary(String name) {
        for (String folder : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(folder, name))) {
                return Path.of(folder, name).toString();
            }
        }
        throw new IllegalStateException(name + " not found: install Debian's mariadb-server (.ci/run does)");
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " failed: " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A Unix socket path must stay short (about 100 bytes): not under a deep project folder. */
    private static Path socket() throws IOException {
        Path file = Files.createTempFile("mariadb-", ".sock");
        Files.delete(file);
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String mkdirs(String path) throws IOException {
        Files.createDirectories(Path.of(path));
        return path;
    }
}
