package io.crmhub.connector;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How canonical events are published to Kafka ({@code hub.publish.*}): every source hands over a batch of changes,
 * all of them are sent without waiting and their acknowledgements are awaited together (routes/README.md).
 *
 * @param chunkSize  changes per publish batch for sources that stream without batches of their own (shop files);
 *                   the memory held per file is about this many events
 * @param lingerMs   how long the Kafka producer waits to fill a produce request (Kafka {@code linger.ms})
 * @param batchBytes most bytes per partition in one produce request (Kafka {@code batch.size})
 */
@Validated
@ConfigurationProperties("hub.publish")
public record PublishProperties(
        @Min(1) int chunkSize,
        @Min(0) int lingerMs,
        @Min(1024) int batchBytes) {}
