package io.crmhub.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.it.HubIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retention on the real store, files and broker: the purge deletes exactly the dead letters and shop files past
 * their age (replayed dead letters after the shorter age, the others after the longer one, replayed or not), and the
 * hub's topics carry the configured retention.ms.
 */
@HubIntegrationTest
class RetentionIT {

    static final Path INBOX = inbox();

    @DynamicPropertySource
    static void retention(DynamicPropertyRegistry registry) {
        registry.add("hub.connectors.shop.inbox", INBOX::toString);
        registry.add("hub.retention.dead-letter-replayed-max-age", () -> "1h");
        registry.add("hub.retention.dead-letter-max-age", () -> "2d");
        registry.add("hub.retention.shop-files-max-age", () -> "1d");
        registry.add("hub.retention.topic-retention", () -> "3d");
        registry.add("hub.retention.dead-letter-topic-retention", () -> "1d");
    }

    @Autowired
    RetentionPurge purge;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    HubKafkaProperties kafka;

    @Test
    void deadLettersPastTheirAgeAreDeletedReplayedOnesSooner() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        insert(run + "-new-old", "NEW", "3 days", null);
        insert(run + "-new-young", "NEW", "1 day", null);
        insert(run + "-replayed-long-ago", "REPLAYED", "1 day", "2 hours");
        insert(run + "-replayed-just-now", "REPLAYED", "1 day", "10 minutes");
        insert(run + "-failed-again", "FAILED_AGAIN", "1 day", "2 hours");
        insert(run + "-failed-again-old", "FAILED_AGAIN", "3 days", "10 minutes");

        purge.purge();

        assertThat(crm.queryForList("SELECT source_key FROM dead_letter WHERE source_key LIKE ? ORDER BY 1",
                String.class, run + "-%")).containsExactly(run + "-failed-again", run + "-new-young",
                run + "-replayed-just-now");
    }

    @Test
    void rejectsDuplicateNotesAndErrorFilesPastTheirAgeAreDeletedTheExportsStay() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(2));
        Path oldRejects = file("done/orders-1.csv.rejects.csv", old);
        Path oldDuplicate = file("done/orders-2.csv.duplicate.txt", old);
        Path oldExport = file("done/orders-1.csv", old);
        Path youngRejects = file("done/orders-3.csv.rejects.csv", Instant.now());
        Path oldError = file("error/orders-4.csv", old);
        Path oldReason = file("error/orders-4.csv.reason.txt", old);
        Path youngError = file("error/orders-5.csv", Instant.now());

        purge.purge();

        assertThat(List.of(oldRejects, oldDuplicate, oldError, oldReason)).noneMatch(Files::exists);
        assertThat(List.of(oldExport, youngRejects, youngError)).allMatch(Files::exists);
    }

    @Test
    void theHubsTopicsHaveTheConfiguredRetention() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.brokers()))) {
            ConfigResource customer = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topics().customer());
            ConfigResource deadLetter = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topics().deadLetter());
            var configs = admin.describeConfigs(List.of(customer, deadLetter)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(customer).get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(String.valueOf(Duration.ofDays(3).toMillis()));
            assertThat(configs.get(deadLetter).get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(String.valueOf(Duration.ofDays(1).toMillis()));
        }
    }

    private void insert(String key, String status, String age, String replayedAgo) {
        crm.update("INSERT INTO dead_letter (created_at, route_id, source_system, source_entity, source_key, reason, "
                + "error_class, raw_record, status, last_attempt_at) VALUES (clock_timestamp() - ?::interval, "
                + "'it', 'it', 'customers', ?, 'test', 'test', '{}', ?, clock_timestamp() - ?::interval)",
                age, key, status, replayedAgo);
    }

    private static Path file(String name, Instant modified) throws Exception {
        Path file = INBOX.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static Path inbox() {
        try {
            return Files.createTempDirectory("retention-inbox");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
