package io.crmhub.ops.retention;

import io.crmhub.config.RetentionProperties;
import io.crmhub.connector.shop.ShopConnectorProperties;
import io.crmhub.ops.deadletter.DeadLetterStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes what {@link RetentionProperties} no longer keeps: dead letters (replayed ones after the shorter age, all
 * others after the longer one) and the shop inbox's rejects files, duplicate notes and error folder. Run by
 * {@code routes/ops-retention-purge.camel.yaml} on every pod (deletes are idempotent); counted as
 * {@code hub.retention.purged{what}}.
 */
@Component("retentionPurge")
public class RetentionPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final DeadLetterStore deadLetters;
    private final RetentionProperties properties;
    private final ShopConnectorProperties shop;
    private final MeterRegistry registry;

    public RetentionPurge(DeadLetterStore deadLetters, RetentionProperties properties, ShopConnectorProperties shop,
            MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.shop = shop;
        this.registry = registry;
    }

    /** One round: dead letters, then shop files. */
    public void purge() throws IOException {
        long deadLetters = purgeDeadLetters();
        long files = purgeShopFiles();
        if (deadLetters + files > 0) {
            LOG.info("Retention purge: {} dead letters and {} shop files deleted", deadLetters, files);
        }
    }

    long purgeDeadLetters() {
        long total = 0;
        int deleted;
        do {
            deleted = deadLetters.purge(properties.deadLetterReplayedMaxAge().toMillis(),
                    properties.deadLetterMaxAge().toMillis(), properties.batchSize());
            total += deleted;
        } while (deleted == properties.batchSize());
        registry.counter("hub.retention.purged", "what", DeadLetterStore.TABLE).increment(total);
        return total;
    }

    long purgeShopFiles() throws IOException {
        Path inbox = Path.of(shop.inbox());
        Instant cutoff = Instant.now().minus(properties.shopFilesMaxAge());
        long deleted = purge(inbox.resolve("done"), "*.{rejects.csv,duplicate.txt}", cutoff)
                + purge(inbox.resolve("error"), "*", cutoff);
        registry.counter("hub.retention.purged", "what", "shop_file").increment(deleted);
        return deleted;
    }

    private static long purge(Path folder, String glob, Instant cutoff) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
