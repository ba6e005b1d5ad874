package io.crmhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the directories of embedded servers that are gone are found, and removing them frees their bytes. */
class EmbeddedLeftoversTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(5));

    @TempDir
    Path tmp;

    @Test
    void findsTheDirectoriesOfServersThatAreGoneAndLeavesEveryOtherOne() throws IOException {
        Path deadPostgres = postgresDir("epg111", LONG_AGO);
        Files.write(deadPostgres.resolve("base.dat"), new byte[4096]);
        Path deadKafka = kafkaDir("kafka-222", LONG_AGO);
        Path youngPostgres = postgresDir("epg333", NOW.minusSeconds(30)); // a server still starting
        Path youngKafka = kafkaDir("kafka-444", NOW.minusSeconds(30));
        Path heldPostgres = postgresDir("epg555", LONG_AGO);
        Path heldKafka = kafkaDir("kafka-666", LONG_AGO);
        Path notOurs = Files.createDirectories(tmp.resolve("kafka-notes"));
        Path kafkaWithoutLock = Files.createDirectories(tmp.resolve("kafka-777").resolve("data"));
        Files.setLastModifiedTime(kafkaWithoutLock.getParent(), FileTime.from(LONG_AGO));
        Path postgresWithoutLock = Files.createDirectories(tmp.resolve("epg888"));
        Files.setLastModifiedTime(postgresWithoutLock, FileTime.from(LONG_AGO));

        try (FileChannel pg = FileChannel.open(heldPostgres.resolve("epg-lock"), StandardOpenOption.WRITE);
                FileLock pgLock = pg.lock();
                FileChannel kafka = FileChannel.open(heldKafka.resolve("combined_0_0/.lock"), StandardOpenOption.WRITE);
                FileLock kafkaLock = kafka.lock()) {
            assertThat(EmbeddedLeftovers.find(tmp, NOW)).containsExactly(deadPostgres, deadKafka);

            long freed = EmbeddedLeftovers.remove(EmbeddedLeftovers.find(tmp, NOW));
            assertThat(freed).isGreaterThanOrEqualTo(4096 + 5);
        }
        assertThat(deadPostgres).doesNotExist();
        assertThat(deadKafka).doesNotExist();
        assertThat(youngPostgres).exists();
        assertThat(youngKafka).exists();
        assertThat(heldPostgres.resolve("epg-lock")).exists();
        assertThat(heldKafka.resolve("combined_0_0/meta.properties")).exists();
        assertThat(notOurs).exists();
        assertThat(kafkaWithoutLock).exists();
        assertThat(postgresWithoutLock).exists();
    }

    private Path postgresDir(String name, Instant modified) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("PG_VERSION"), "16\n");
        Path lock = Files.createFile(dir.resolve("epg-lock"));
        Files.setLastModifiedTime(lock, FileTime.from(modified));
        return dir;
    }

    private Path kafkaDir(String name, Instant modified) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path logDir = Files.createDirectories(dir.resolve("combined_0_0"));
        Files.writeString(logDir.resolve("meta.properties"), "node.id=0\n");
        Files.createFile(logDir.resolve(".lock"));
        Files.setLastModifiedTime(dir, FileTime.from(modified));
        return dir;
    }
}
