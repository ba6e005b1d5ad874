package io.crmhub.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Error handling shared by every route ({@code hub.errors.*}, used by {@code routes/hub-error-handling.camel.yaml}).
 *
 * @param retryInitialDelayMs first back-off delay after a transient fault (store or broker unreachable)
 * @param retryMaxDelayMs     longest back-off delay; transient faults are retried for ever at this pace
 * @param unexpectedRetries   retries of an unexpected failure before the record goes to the dead letter
 */
@Validated
@ConfigurationProperties("hub.errors")
public record HubErrorsProperties(
        @Min(1) long retryInitialDelayMs,
        @Min(1) long retryMaxDelayMs,
        @Min(0) int unexpectedRetries) {}
