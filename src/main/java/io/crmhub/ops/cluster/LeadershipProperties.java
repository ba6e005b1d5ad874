package io.crmhub.ops.cluster;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When this pod may lead the singleton consumers (routes whose {@code from} is a {@code master:} endpoint).
 *
 * @param healthCheckIntervalMs how often the hub checks its own health to decide whether it may lead
 * @param healthIndicators actuator health components that must be UP to lead (besides liveness), e.g. {@code db}
 */
@Validated
@ConfigurationProperties("hub.cluster")
public record LeadershipProperties(
        @Min(100) long healthCheckIntervalMs,
        @NotNull List<String> healthIndicators) {}
