package io.crmhub.connector.scm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SCM system's shipment event topic and how the hub consumes it ({@code hub.connectors.scm.*}).
 *
 * @param enabled         run the SCM ingest route (off where there is no SCM)
 * @param topic           Kafka topic the SCM publishes shipment events to (JSON, one event per message)
 * @param group           the hub's consumer group on that topic; its committed offsets are the connector's position
 * @param consumers       consumer threads per pod; more than the topic's partitions would sit idle
 * @param autoOffsetReset where a group without committed offsets starts: {@code earliest} or {@code latest}
 * @param createTopic     create the topic at start when missing (only with {@code hub.kafka.create-topics});
 *                        off in prod, where the topic belongs to the SCM
 * @param batchSize       messages per poll, converted and published to Kafka together
 * @param batchWaitMs     how long a partly filled batch waits for more messages
 */
@Validated
@ConfigurationProperties("hub.connectors.scm")
public record ScmConnectorProperties(
        boolean enabled,
        @NotBlank String topic,
        @NotBlank String group,
        @Min(1) @Max(64) int consumers,
        @NotBlank @Pattern(regexp = "earliest|latest") String autoOffsetReset,
        boolean createTopic,
        @Min(1) @Max(10_000) int batchSize,
        @Min(1) @Max(60_000) int batchWaitMs) {}
