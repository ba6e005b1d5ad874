package io.crmhub.ops.replay;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dead-letter replay ({@code hub.dead-letters.*}).
 *
 * @param maxAttempts a dead letter replayed this often without success is left alone (the loop guard)
 * @param maxBatch    most dead letters one list or replay request handles
 */
@Validated
@ConfigurationProperties("hub.dead-letters")
public record ReplayProperties(
        @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxBatch) {}
