package io.crmhub.ops.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Files waiting in an inbox folder (not its {@code done/} or {@code error/} subfolders) that the inbox route takes:
 * how many, and the last-modified time of the oldest.
 *
 * @param files  number of waiting files
 * @param oldest last-modified time of the oldest waiting file, {@code null} when none waits
 */
record InboxBacklog(long files, Instant oldest) {

    static final InboxBacklog EMPTY = new InboxBacklog(0, null);

    /** A missing or unreadable folder has no backlog (the route itself reports why it cannot read it). */
    static InboxBacklog scan(Path inbox, String... extensions) {
        if (!Files.isDirectory(inbox)) {
            return EMPTY;
        }
        try (Stream<Path> entries = Files.list(inbox)) {
            long[] count = {0};
            Instant[] oldest = {null};
            entries.filter(Files::isRegularFile).filter(p -> hasExtension(p, extensions)).forEach(p -> {
                Instant modified = lastModified(p);
                if (modified != null) {
                    count[0]++;
                    oldest[0] = oldest[0] == null || modified.isBefore(oldest[0]) ? modified : oldest[0];
                }
            });
            return new InboxBacklog(count[0], oldest[0]);
        } catch (IOException e) {
            return EMPTY;
        }
    }

    private static boolean hasExtension(Path file, String... extensions) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Stream.of(extensions).anyMatch(ext -> name.endsWith("." + ext));
    }

    /** A file taken by the route between listing and reading no longer waits. */
    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
