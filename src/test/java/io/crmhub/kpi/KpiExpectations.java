package io.crmhub.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The KPI contract (docs/kpis.md) recomputed with plain SQL over the record tables and identity links — one
 * method per indicator, written from the contract, sharing nothing with the KPI code. Conversions use the
 * configured rates copied here; the lifecycle history comes from the test's own scratch table.
 */
final class KpiExpectations {

    static final List<String> INDICATORS = List.of("revenue", "orders", "buyers", "activeCustomers",
            "retentionRate", "churnRate", "repeatPurchaseRate", "newLeads", "leadConversionRate", "salesCycleDays",
            "clvHistorical", "averageOrderValue", "purchaseFrequency", "expectedLifespanYears", "clvPredictive",
            "complaints", "complaintRate", "averageResolutionHours", "overdueEscalations", "csatAverage",
            "csatSatisfiedShare", "salesGrowth", "collected", "collectionRate", "receivables", "dso",
            "unconvertedRecords");

    private final JdbcTemplate jdbc;

    KpiExpectations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the served API must say: period label → indicator → value (null where the contract says null). */
    Map<String, Map<String, BigDecimal>> all(Periods periods, Collection<UUID> customers, LocalDate asOf) {
        ExpectationQuery q = new ExpectationQuery(jdbc, periods, customers);
        Map<String, Function<ExpectationQuery, Map<String, BigDecimal>>> formulas = new LinkedHashMap<>();
        formulas.put("revenue", this::revenue);
        formulas.put("orders", this::orders);
        formulas.put("buyers", this::buyers);
        formulas.put("activeCustomers", this::activeCustomers);
        formulas.put("retentionRate", this::retentionRate);
        formulas.put("repeatPurchaseRate", this::repeatPurchaseRate);
        formulas.put("newLeads", this::newLeads);
        formulas.put("leadConversionRate", x -> leadConversionRate(x, asOf));
        formulas.put("salesCycleDays", this::salesCycleDays);
        formulas.put("clvHistorical", this::clvHistorical);
        formulas.put("averageOrderValue", this::averageOrderValue);
        formulas.put("purchaseFrequency", this::purchaseFrequency);
        formulas.put("expectedLifespanYears", this::expectedLifespanYears);
        formulas.put("complaints", this::complaints);
        formulas.put("averageResolutionHours", this::averageResolutionHours);
        formulas.put("overdueEscalations", this::overdueEscalations);
        formulas.put("csatAverage", this::csatAverage);
        formulas.put("csatSatisfiedShare", this::csatSatisfiedShare);
        formulas.put("salesGrowth", this::salesGrowth);
        formulas.put("collected", this::collected);
        formulas.put("receivables", this::receivables);
        formulas.put("unconvertedRecords", this::unconvertedRecords);
        Map<String, Map<String, BigDecimal>> byIndicator = new LinkedHashMap<>();
        formulas.forEach((name, formula) -> byIndicator.put(name, formula.apply(q)));
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        for (Periods.Period p : periods.list()) {
            Map<String, BigDecimal> v = new LinkedHashMap<>();
            byIndicator.forEach((name, values) -> v.put(name, values.get(p.label())));
            derive(v, ChronoUnit.DAYS.between(p.start(), p.end()));
            out.put(p.label(), v);
        }
        return out;
    }

    /** Revenue(P) = Σ won order totals dated in P, in the base currency. */
    Map<String, BigDecimal> revenue(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, COALESCE(sum(w.amount), 0)
                FROM periods p LEFT JOIN won w ON w.day >= p.start_day AND w.day < p.end_day
                GROUP BY p.label""");
    }

    /** Won orders dated in P, whatever their currency (a count is not a money figure). */
    Map<String, BigDecimal> orders(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(w.golden_id)
                FROM periods p LEFT JOIN won w ON w.day >= p.start_day AND w.day < p.end_day
                GROUP BY p.label""");
    }

    Map<String, BigDecimal> buyers(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(DISTINCT w.golden_id)
                FROM periods p LEFT JOIN won w ON w.day >= p.start_day AND w.day < p.end_day
                GROUP BY p.label""");
    }

    /** Golden customers with a won order in the 365 days ending at the end of P. */
    Map<String, BigDecimal> activeCustomers(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(DISTINCT w.golden_id)
                FROM periods p LEFT JOIN won w ON w.day >= p.end_day - 365 AND w.day < p.end_day
                GROUP BY p.label""");
    }

    /** |Buyers(P-1) ∩ Buyers(P)| / |Buyers(P-1)|. */
    Map<String, BigDecimal> retentionRate(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label,
                       (SELECT count(*) FROM (
                            SELECT golden_id FROM won WHERE day >= p.prev_start AND day < p.start_day
                            INTERSECT
                            SELECT golden_id FROM won WHERE day >= p.start_day AND day < p.end_day) kept)::numeric
                       / NULLIF((SELECT count(DISTINCT golden_id) FROM won
                                 WHERE day >= p.prev_start AND day < p.start_day), 0)
                FROM periods p""");
    }

    /** Golden customers with ≥ 2 won orders in P / |Buyers(P)|. */
    Map<String, BigDecimal> repeatPurchaseRate(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label,
                       (SELECT count(*) FROM (SELECT golden_id FROM won WHERE day >= p.start_day AND day < p.end_day
                                              GROUP BY golden_id HAVING count(*) >= 2) repeaters)::numeric
                       / NULLIF((SELECT count(DISTINCT golden_id) FROM won
                                 WHERE day >= p.start_day AND day < p.end_day), 0)
                FROM periods p""");
    }

    /** Golden customers whose lead date (earliest non-snapshot move to LEAD or PROSPECT) is in P. */
    Map<String, BigDecimal> newLeads(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(ld.golden_id)
                FROM periods p LEFT JOIN lead ld ON ld.day >= p.start_day AND ld.day < p.end_day
                GROUP BY p.label""");
    }

    /** Of the new leads of P, the share with a won order dated on or after the lead date, up to asOf. */
    Map<String, BigDecimal> leadConversionRate(ExpectationQuery q, LocalDate asOf) {
        return q.perPeriod("""
                SELECT p.label,
                       (SELECT count(*) FROM lead ld WHERE ld.day >= p.start_day AND ld.day < p.end_day
                            AND EXISTS (SELECT 1 FROM won w WHERE w.golden_id = ld.golden_id
                                        AND w.day >= ld.day AND w.day <= DATE '%s'))::numeric
                       / NULLIF((SELECT count(*) FROM lead ld WHERE ld.day >= p.start_day AND ld.day < p.end_day), 0)
                FROM periods p""".formatted(asOf));
    }

    /** Average days from first contact (lead date or first interaction) to a first won order dated in P. */
    Map<String, BigDecimal> salesCycleDays(ExpectationQuery q) {
        return q.perPeriod("""
                , first_order AS (SELECT golden_id, min(day) AS day FROM won GROUP BY golden_id),
                first_contact AS (
                    SELECT golden_id, min(day) AS day FROM (
                        SELECT golden_id, day FROM lead
                        UNION ALL
                        SELECT golden_id, (opened_at AT TIME ZONE 'Asia/Shanghai')::date FROM touch) c
                    GROUP BY golden_id)
                SELECT p.label, avg(fo.day - fc.day)
                FROM periods p
                LEFT JOIN first_order fo ON fo.day >= p.start_day AND fo.day < p.end_day
                LEFT JOIN first_contact fc ON fc.golden_id = fo.golden_id AND fc.day <= fo.day
                GROUP BY p.label""");
    }

    /** Average, over customers with a won order before the end of P, of their revenue before the end of P. */
    Map<String, BigDecimal> clvHistorical(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, (SELECT avg(total) FROM (
                                     SELECT golden_id, COALESCE(sum(amount), 0) AS total FROM won
                                     WHERE day < p.end_day GROUP BY golden_id) c)
                FROM periods p""");
    }

    /** Revenue / won orders with a convertible amount, over the 365 days ending at the end of P. */
    Map<String, BigDecimal> averageOrderValue(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, COALESCE(sum(w.amount), 0) / NULLIF(count(w.amount), 0)
                FROM periods p LEFT JOIN won w ON w.day >= p.end_day - 365 AND w.day < p.end_day
                GROUP BY p.label""");
    }

    /** Won orders / distinct buyers over the 365 days ending at the end of P. */
    Map<String, BigDecimal> purchaseFrequency(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(w.golden_id)::numeric / NULLIF(count(DISTINCT w.golden_id), 0)
                FROM periods p LEFT JOIN won w ON w.day >= p.end_day - 365 AND w.day < p.end_day
                GROUP BY p.label""");
    }

    /** 1 / annual churn between the 365-day window ending at the end of P and the one before; ≤ 10; null without buyers before. */
    Map<String, BigDecimal> expectedLifespanYears(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, CASE WHEN w.earlier = 0 THEN NULL
                                     WHEN w.kept = w.earlier THEN 10
                                     ELSE LEAST(10, 1 / (1 - w.kept::numeric / w.earlier)) END
                FROM periods p CROSS JOIN LATERAL (
                    SELECT (SELECT count(DISTINCT golden_id) FROM won
                            WHERE day >= p.end_day - 730 AND day < p.end_day - 365) AS earlier,
                           (SELECT count(*) FROM (
                                SELECT golden_id FROM won WHERE day >= p.end_day - 730 AND day < p.end_day - 365
                                INTERSECT
                                SELECT golden_id FROM won WHERE day >= p.end_day - 365 AND day < p.end_day) k) AS kept) w""");
    }

    Map<String, BigDecimal> complaints(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(t.golden_id)
                FROM periods p LEFT JOIN touch t ON t.kind = 'COMPLAINT'
                     AND t.opened_at >= p.start_at AND t.opened_at < p.end_at
                GROUP BY p.label""");
    }

    Map<String, BigDecimal> averageResolutionHours(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, avg(extract(epoch FROM t.resolved_at - t.opened_at) / 3600)
                FROM periods p LEFT JOIN touch t ON t.kind = 'COMPLAINT'
                     AND t.resolved_at >= p.start_at AND t.resolved_at < p.end_at
                GROUP BY p.label""");
    }

    /** Complaints still unresolved at the end of P that were escalated by then or are open longer than 72 h. */
    Map<String, BigDecimal> overdueEscalations(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(t.golden_id)
                FROM periods p LEFT JOIN touch t ON t.kind = 'COMPLAINT' AND t.opened_at < p.end_at
                     AND (t.resolved_at IS NULL OR t.resolved_at >= p.end_at)
                     AND (t.escalated_at < p.end_at OR p.end_at - t.opened_at > interval '72 hours')
                GROUP BY p.label""");
    }

    /** Average of score / scaleMax × 5 over surveys dated in P. */
    Map<String, BigDecimal> csatAverage(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, avg(t.score::numeric / t.scale_max * 5)
                FROM periods p LEFT JOIN touch t ON t.kind = 'SURVEY' AND t.score IS NOT NULL AND t.scale_max > 0
                     AND t.opened_at >= p.start_at AND t.opened_at < p.end_at
                GROUP BY p.label""");
    }

    /** Share of those surveys with score / scaleMax ≥ 0.8 (compared in integers: 5 × score ≥ 4 × scaleMax). */
    Map<String, BigDecimal> csatSatisfiedShare(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, count(t.golden_id) FILTER (WHERE 5 * t.score >= 4 * t.scale_max)::numeric
                                / NULLIF(count(t.golden_id), 0)
                FROM periods p LEFT JOIN touch t ON t.kind = 'SURVEY' AND t.score IS NOT NULL AND t.scale_max > 0
                     AND t.opened_at >= p.start_at AND t.opened_at < p.end_at
                GROUP BY p.label""");
    }

    /** (Revenue(P) − Revenue(P-1)) / Revenue(P-1). */
    Map<String, BigDecimal> salesGrowth(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, (r.now - r.before) / NULLIF(r.before, 0)
                FROM periods p CROSS JOIN LATERAL (
                    SELECT COALESCE(sum(amount) FILTER (WHERE day >= p.start_day AND day < p.end_day), 0) AS now,
                           COALESCE(sum(amount) FILTER (WHERE day >= p.prev_start AND day < p.start_day), 0) AS before
                    FROM won) r""");
    }

    /** Σ payments received in P (refunds negative), in the base currency. */
    Map<String, BigDecimal> collected(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, COALESCE(sum(pd.amount), 0)
                FROM periods p LEFT JOIN paid pd ON pd.at >= p.start_at AND pd.at < p.end_at
                GROUP BY p.label""");
    }

    /** max(0, won order totals dated before the end of P − payments received before the end of P). */
    Map<String, BigDecimal> receivables(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label, GREATEST(0,
                           (SELECT COALESCE(sum(amount), 0) FROM won WHERE day < p.end_day)
                         - (SELECT COALESCE(sum(amount), 0) FROM paid WHERE at < p.end_at))
                FROM periods p""");
    }

    /** Won orders and payments in P whose currency has no rate (a draft is out of money figures anyway). */
    Map<String, BigDecimal> unconvertedRecords(ExpectationQuery q) {
        return q.perPeriod("""
                SELECT p.label,
                       (SELECT count(*) FROM won WHERE unconverted AND day >= p.start_day AND day < p.end_day)
                     + (SELECT count(*) FROM paid WHERE unconverted AND at >= p.start_at AND at < p.end_at)
                FROM periods p""");
    }

    /** The indicators the contract defines as arithmetic on the others, with its null rule (0 denominator). */
    private static void derive(Map<String, BigDecimal> v, long daysInPeriod) {
        BigDecimal retention = v.get("retentionRate");
        v.put("churnRate", retention == null ? null : BigDecimal.ONE.subtract(retention));
        BigDecimal aov = v.get("averageOrderValue");
        BigDecimal frequency = v.get("purchaseFrequency");
        BigDecimal lifespan = v.get("expectedLifespanYears");
        v.put("clvPredictive", aov == null || frequency == null || lifespan == null ? null
                : aov.multiply(frequency).multiply(lifespan));
        v.put("complaintRate", ratio(v.get("complaints").multiply(BigDecimal.valueOf(100)), v.get("activeCustomers")));
        v.put("collectionRate", ratio(v.get("collected"), v.get("revenue")));
        BigDecimal perRevenue = ratio(v.get("receivables"), v.get("revenue"));
        v.put("dso", perRevenue == null ? null : perRevenue.multiply(BigDecimal.valueOf(daysInPeriod)));
    }

    private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0 ? null : numerator.divide(denominator, MathContext.DECIMAL64);
    }
}
