package io.crmhub.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Data directories of embedded servers that are gone. The embedded default begins empty at every start, and a stopped
 * server removes its own directory; one that ended otherwise (the hub and its PostgreSQL both killed, a machine that
 * lost power, an embedded Kafka broker whose JVM was killed) leaves it in the temp directory for good: about 600 MB of
 * PostgreSQL data after a benchmark, up to 130 MB of Kafka logs. A directory is removed only when nothing holds it:
 * its lock file ({@code epg-lock} of zonky's embedded PostgreSQL, each {@code .lock} of a KRaft test-kit broker's log
 * directories, both held by their living owner) can be taken, and it is older than a starting server's first steps.
 */
final class EmbeddedLeftovers {

    /** A server creates its directory a moment before it locks it: younger directories are left alone. */
    static final Duration MIN_AGE = Duration.ofMinutes(2);

    private static final Pattern POSTGRES_DIR = Pattern.compile("epg\\d+");
    private static final Pattern KAFKA_DIR = Pattern.compile("kafka-\\d+");

    private EmbeddedLeftovers() {}

    /** The leftover directories in {@code tempDir}, PostgreSQL's and Kafka's, oldest first. */
    static List<Path> find(Path tempDir, Instant now) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(tempDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (POSTGRES_DIR.matcher(name).matches() && isDeadPostgres(dir, now)
                        || KAFKA_DIR.matcher(name).matches() && isDeadKafka(dir, now)) {
                    found.add(dir);
                }
            }
        } catch (IOException e) {
            // an unreadable temp directory: nothing to remove
        }
        return found;
    }

    /**
     * Removes them.
     *
     * @return the bytes freed
     */
    static long remove(List<Path> dirs) {
        long freed = 0;
        for (Path dir : dirs) {
            freed += size(dir);
            EmbeddedPostgresOrphans.deleteRecursively(dir);
        }
        return freed;
    }

    private static boolean isDeadPostgres(Path dir, Instant now) {
        Path lock = dir.resolve("epg-lock");
        return Files.isRegularFile(lock) && old(lock, now) && EmbeddedPostgresOrphans.ownerGone(lock)
                && EmbeddedPostgresOrphans.running(List.of(dir)).isEmpty();
    }

    /** The test kit's layout: log directories {@code <kafka-N>/<name>/} each with {@code meta.properties}. */
    private static boolean isDeadKafka(Path dir, Instant now) {
        if (!old(dir, now)) {
            return false;
        }
        try (Stream<Path> logDirs = Files.list(dir)) {
            List<Path> withLock = logDirs.filter(d -> Files.isRegularFile(d.resolve(".lock"))).toList();
            return !withLock.isEmpty()
                    && withLock.stream().allMatch(d -> Files.isRegularFile(d.resolve("meta.properties")))
                    && withLock.stream().allMatch(d -> EmbeddedPostgresOrphans.ownerGone(d.resolve(".lock")));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean old(Path path, Instant now) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            return modified.toInstant().isBefore(now.minus(MIN_AGE));
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
