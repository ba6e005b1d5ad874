package io.crmhub.kpi;

import java.time.LocalDate;

/** Every indicator of one period (docs/kpis.md); a ratio with a zero denominator is null. */
public record PeriodKpis(
        String period, LocalDate start, LocalDate end,
        double revenue, long orders, long buyers, long activeCustomers,
        Double retentionRate, Double churnRate, Double repeatPurchaseRate,
        long newLeads, Double leadConversionRate, Double salesCycleDays,
        Double clvHistorical, Double averageOrderValue, Double purchaseFrequency, Double expectedLifespanYears,
        Double clvPredictive,
        long complaints, Double complaintRate, Double averageResolutionHours, long overdueEscalations,
        Double csatAverage, Double csatSatisfiedShare,
        Double salesGrowth, double collected, Double collectionRate, double receivables, Double dso,
        long unconvertedRecords, Double margin, Double costCoverage, Double clvMarginHistorical) {}
