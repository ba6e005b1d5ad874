package io.crmhub.kpi;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The headline indicators of the current month as Prometheus gauges ({@code hub_kpi_*}), recomputed by the
 * route {@code kpi-gauges-refresh} (a scrape never runs the KPI SQL), plus {@code hub_kpi_freshness_seconds}:
 * the age of the newest facts this hub applied ({@link KpiFreshness}), which grows when no change reaches the
 * indicators.
 */
@Component("kpiGauges")
public class KpiGauges {

    private final KpiService kpis;
    private final KpiScores scores;
    private final KpiProperties properties;
    private final KpiFreshness freshness;
    private final AtomicReference<PeriodKpis> current = new AtomicReference<>();

    KpiGauges(KpiService kpis, KpiScores scores, KpiProperties properties, KpiFreshness freshness,
              MeterRegistry registry) {
        this.kpis = kpis;
        this.scores = scores;
        this.properties = properties;
        this.freshness = freshness;
        gauge(registry, "revenue", "Revenue of won orders this month, base currency", k -> k.revenue());
        gauge(registry, "buyers", "Golden customers with a won order this month", k -> (double) k.buyers());
        gauge(registry, "active.customers", "Golden customers with a won order in the last 365 days",
                k -> (double) k.activeCustomers());
        gauge(registry, "retention.rate", "Buyers of last month who bought again this month", PeriodKpis::retentionRate);
        gauge(registry, "churn.rate", "1 - retention rate", PeriodKpis::churnRate);
        gauge(registry, "repeat.purchase.rate", "Buyers with 2+ won orders this month", PeriodKpis::repeatPurchaseRate);
        gauge(registry, "complaint.rate", "Complaints per 100 active customers this month", PeriodKpis::complaintRate);
        gauge(registry, "csat.average", "Average survey score this month, 1-5 scale", PeriodKpis::csatAverage);
        gauge(registry, "collection.rate", "Payments / revenue this month", PeriodKpis::collectionRate);
        gauge(registry, "dso", "Days sales outstanding this month", PeriodKpis::dso);
        Gauge.builder("hub.kpi.freshness.seconds", this, g -> g.freshnessSeconds())
                .description("Age of the newest KPI facts this hub applied: time since a change last reached the "
                        + "indicators through it")
                .register(registry);
    }

    /**
     * Recomputes the current month from the aggregates (a few thousand day rows, never the facts); called by the
     * kpi-gauges-refresh route, which also prunes the customer-score log here.
     */
    public void refresh() {
        current.set(kpis.currentMonth(LocalDate.now(properties.zone())));
        scores.prune();
    }

    private double freshnessSeconds() {
        return freshness.newestFact().map(newest -> Duration.between(newest, Instant.now()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    private void gauge(MeterRegistry registry, String name, String description, Function<PeriodKpis, Double> value) {
        Gauge.builder("hub.kpi." + name, current, ref -> {
            PeriodKpis k = ref.get();
            Double v = k == null ? null : value.apply(k);
            return v == null ? Double.NaN : v;
        }).description(description).register(registry);
    }
}
