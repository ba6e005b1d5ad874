package io.crmhub.kpi;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The CRM indicators ({@code hub.kpi.*}); formulas in docs/kpis.md.
 *
 * @param zone              time zone that turns timestamps into business dates and periods
 * @param baseCurrency      currency every money figure is expressed in
 * @param rates             units of base currency per unit of each currency; others are left out and counted
 * @param complaintSlaHours a complaint open longer than this at the end of a period is overdue
 * @param gaugeRefreshMs    how often the Prometheus gauges of the current month are recomputed
 * @param marksVacuumMs     how often the KPI marks' table is vacuumed (route {@code kpi-marks-vacuum}): every applying
 *                          transaction empties it at commit, and until a vacuum each commit reads the marks before
 */
@Validated
@ConfigurationProperties("hub.kpi")
public record KpiProperties(
        @NotNull ZoneId zone,
        @NotBlank String baseCurrency,
        @NotNull Map<String, BigDecimal> rates,
        @Min(1) int complaintSlaHours,
        @Min(1000) long gaugeRefreshMs,
        @Min(100) long marksVacuumMs) {}
