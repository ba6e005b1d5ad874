package io.crmhub.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Indicators per period for a range, as served by {@code GET /api/v1/kpis}.
 *
 * @param segment  only customers of this RFM segment as of {@code asOf}; null for all
 * @param grade    only customers of this ABC grade as of {@code asOf}; null for all
 * @param goldenId only this golden customer (a merged id is followed to its survivor); null for all
 */
public record KpiReport(LocalDate from, LocalDate to, String granularity, String baseCurrency, LocalDate asOf,
                        String segment, String grade, UUID goldenId, List<PeriodKpis> periods) {}
