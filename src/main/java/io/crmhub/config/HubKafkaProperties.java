package io.crmhub.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka spine ({@code hub.kafka.*}).
 *
 * @param brokers           bootstrap servers, e.g. {@code kafka-0:9092,kafka-1:9092}
 * @param createTopics      create missing topics at start (turn off where topics are managed elsewhere)
 * @param partitions        partitions of topics the hub creates; more partitions allow more hub pods
 * @param replicationFactor replication factor of topics the hub creates
 * @param storeGroup        consumer group of the stage that applies canonical events to the CRM store
 * @param storeConsumers    consumer threads per pod applying canonical events to the store
 * @param storeBatchSize    most canonical events one store transaction applies (the consumer's max.poll.records)
 * @param storeBatchWaitMs  longest a partly filled batch waits for more events before it is applied (latency bound)
 * @param topics            topic names
 */
@Validated
@ConfigurationProperties("hub.kafka")
public record HubKafkaProperties(
        @NotBlank String brokers,
        boolean createTopics,
        @Min(1) int partitions,
        @Min(1) short replicationFactor,
        @NotBlank String storeGroup,
        @Min(1) int storeConsumers,
        @Min(1) int storeBatchSize,
        @Min(1) int storeBatchWaitMs,
        @NotNull @Valid Topics topics) {

    /**
     * @param customer   canonical customer events
     * @param order      canonical order events
     * @param orderLine  canonical order line events
     * @param payment    canonical payment events
     * @param interaction canonical interaction events (contacts, visits, contracts, tickets, surveys)
     * @param shipment   canonical shipment events
     * @param deadLetter records that could not be mapped or applied, with their reason
     * @param identity   identity decisions: golden customers created, records linked, merged, unmerged
     */
    public record Topics(
            @NotBlank String customer,
            @NotBlank String order,
            @NotBlank String orderLine,
            @NotBlank String payment,
            @NotBlank String interaction,
            @NotBlank String shipment,
            @NotBlank String deadLetter,
            @NotBlank String identity) {

        public List<String> all() {
            return List.of(customer, order, orderLine, payment, interaction, shipment, deadLetter, identity);
        }

        /** The topics the store stage consumes: every canonical entity topic, not the dead letter. */
        public List<String> canonical() {
            return List.of(customer, order, orderLine, payment, interaction, shipment);
        }
    }
}
