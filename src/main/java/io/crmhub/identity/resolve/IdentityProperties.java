package io.crmhub.identity.resolve;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Identity resolution ({@code hub.identity.*}). Rules and survivorship live in {@code mappings/identity/}.
 *
 * @param enabled            resolve every applied customer change to a golden customer
 * @param defaultPhoneRegion region (ISO 3166-1) for numbers written without a country prefix
 * @param publishIntervalMs  how often pending identity decisions are published to Kafka
 * @param publishBatchSize   most decisions published per round
 * @param countFoldIntervalMs how often the count differences of hot keys are folded into their count rows
 * @param actor              name recorded on automatic decisions
 */
@Validated
@ConfigurationProperties("hub.identity")
public record IdentityProperties(
        boolean enabled,
        @NotBlank String defaultPhoneRegion,
        @Min(10) long publishIntervalMs,
        @Min(1) int publishBatchSize,
        @Min(10) long countFoldIntervalMs,
        @NotBlank String actor) {}
