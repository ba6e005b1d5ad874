package io.crmhub.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A temporary shop inbox, filled the way a shop does it: fixture files copied in, then renamed. */
public final class ShopInbox {

    private static final Path FIXTURES = Path.of("connectors/shop/fixtures");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;

    public ShopInbox() {
        try {
            this.dir = Files.createTempDirectory("shop-inbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Drops a fixture under its own name or another one; the copy is complete before it gets a .csv name. */
    public void drop(String fixture, String asName) throws IOException {
        Path part = dir.resolve(asName + ".part");
        Files.copy(FIXTURES.resolve(fixture), part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, dir.resolve(asName), StandardCopyOption.ATOMIC_MOVE);
    }

    public Path done(String name) {
        return dir.resolve("done").resolve(name);
    }

    public Path error(String name) {
        return dir.resolve("error").resolve(name);
    }

    public Path awaitFile(Path file) {
        await().atMost(TIMEOUT).until(() -> Files.exists(file) && !Files.exists(dir.resolve(file.getFileName())));
        return file;
    }

    /** line number → reason of {@code done/<name>.rejects.csv}. */
    public Map<Long, String> rejects(String name) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(done(name + ".rejects.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                out.put(Long.parseLong(r.get("line")), r.get("reason"));
            }
        }
        return out;
    }

    /** line number → raw line of the rejects file. */
    public Map<Long, String> rejectedLines(String name) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(done(name + ".rejects.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                out.put(Long.parseLong(r.get("line")), r.get("raw_line"));
            }
        }
        return out;
    }
}
