package io.crmhub.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long the hub keeps what it holds only for inspection ({@code hub.retention.*}): dead letters and shop rejects
 * carry raw records with personal data and would otherwise grow forever.
 *
 * @param purgeIntervalMs          how often the purge runs
 * @param deadLetterReplayedMaxAge a dead letter replayed successfully (status REPLAYED) is deleted this long after
 *                                 its replay: it is settled, its record is in the store
 * @param deadLetterMaxAge         every other dead letter (NEW, FAILED_AGAIN) is deleted this long after it was
 *                                 recorded, replayed or not: nobody fixed it in time, and its raw record must not stay
 * @param shopFilesMaxAge          rejects files, duplicate notes and everything in the shop inbox's {@code error/}
 *                                 folder are deleted once not modified for this long
 * @param topicRetention           {@code retention.ms} of the canonical and identity topics the hub creates; zero
 *                                 leaves the broker's default
 * @param deadLetterTopicRetention {@code retention.ms} of the dead-letter topic (raw records); zero leaves the
 *                                 broker's default
 * @param batchSize                most dead letters one delete statement removes (short transactions)
 */
@Validated
@ConfigurationProperties("hub.retention")
public record RetentionProperties(
        @Min(1000) long purgeIntervalMs,
        @NotNull Duration deadLetterReplayedMaxAge,
        @NotNull Duration deadLetterMaxAge,
        @NotNull Duration shopFilesMaxAge,
        @NotNull Duration topicRetention,
        @NotNull Duration deadLetterTopicRetention,
        @Min(1) int batchSize) {}
