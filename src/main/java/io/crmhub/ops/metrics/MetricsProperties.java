package io.crmhub.ops.metrics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Operations gauges ({@code hub.metrics.*}).
 *
 * @param refreshMs how often the gauges read from the CRM store and the shop inbox are recomputed by the route
 *                  {@code ops-gauges-refresh}; a Prometheus scrape only reads the cached values
 */
@Validated
@ConfigurationProperties("hub.metrics")
public record MetricsProperties(@Min(100) long refreshMs) {}
