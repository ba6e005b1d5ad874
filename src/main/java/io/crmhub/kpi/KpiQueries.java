package io.crmhub.kpi;

import io.crmhub.kpi.DaySeries.Count;
import io.crmhub.kpi.DaySeries.Money;
import io.crmhub.kpi.Period.Granularity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the aggregates ({@link KpiSql}) for a range of periods and forms every indicator of docs/kpis.md from them:
 * three reads per report, whatever the number of periods, taken from one snapshot of the store.
 */
@Component
class KpiQueries {

    private static final int LIFESPAN_CAP_YEARS = 10;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    KpiQueries(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
            io.crmhub.config.DatabaseLinkProperties links) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        // hub.database.kpi-statement-timeout: a report's statements are cancelled by the server past this bound
        if (!links.kpiStatementTimeout().isZero()) {
            snapshot.setTimeout((int) Math.max(1, links.kpiStatementTimeout().toSeconds()));
        }
    }

    /** The indicators of each period (all of one granularity, in order); {@code customers} null means everybody. */
    List<PeriodKpis> periods(List<Period> periods, Granularity g, LocalDate asOf, Collection<UUID> customers) {
        if (periods.isEmpty()) {
            return List.of();
        }
        LocalDate from = periods.get(0).previous(g).start();
        LocalDate end = periods.get(periods.size() - 1).end();
        MapSqlParameterSource params = new MapSqlParameterSource("end", end).addValue("from", from)
                .addValue("granularity", g.name().toLowerCase(Locale.ROOT)).addValue("asOf", asOf)
                .addValue("ids", customers == null ? null : customers.stream().map(UUID::toString)
                        .toArray(String[]::new));
        boolean all = customers == null;
        return snapshot.execute(status -> {
            List<DaySeries.Row> rows = jdbc.query(all ? KpiSql.DAYS : KpiSql.DAYS_OF, params,
                    (rs, n) -> DaySeries.Row.of(rs));
            DaySeries days = DaySeries.read(rows);
            Map<LocalDate, long[]> buckets = new HashMap<>();
            jdbc.query(all ? KpiSql.PERIODS : KpiSql.PERIODS_OF, params, rs -> {
                buckets.put(rs.getObject("start", LocalDate.class),
                        new long[] {rs.getLong("buyers"), rs.getLong("repeaters"), rs.getLong("retained")});
            });
            List<Lead> leads = jdbc.query(all ? KpiSql.LEADS : KpiSql.LEADS_OF, params,
                    (rs, n) -> new Lead(rs.getObject("lead_on", LocalDate.class), rs.getLong("leads"),
                            rs.getLong("converted")));
            List<PeriodKpis> out = new ArrayList<>(periods.size());
            for (Period p : periods) {
                out.add(period(p, p.previous(g), days, buckets, leads));
            }
            return out;
        });
    }

    /** New leads of one lead date, and how many of them converted by asOf. */
    private record Lead(LocalDate leadOn, long leads, long converted) {}

    private static PeriodKpis period(Period p, Period previous, DaySeries d,
                                     Map<LocalDate, long[]> buckets, List<Lead> leads) {
        LocalDate s = p.start();
        LocalDate e = p.end();
        LocalDate e365 = e.minusDays(365);
        long[] bucket = buckets.getOrDefault(s, new long[3]);
        long[] previousBucket = buckets.getOrDefault(previous.start(), new long[3]);

        double revenue = d.sum(Money.WON_REVENUE, s, e).doubleValue();
        long orders = d.sum(Count.WON_ORDERS, s, e);
        long buyers = bucket[0];
        long active = d.upTo(Count.ACTIVE_DELTA, e);
        Double retention = ratio(bucket[2], previousBucket[0]);
        double previousRevenue = d.sum(Money.WON_REVENUE, previous.start(), s).doubleValue();

        long newLeads = 0;
        long converted = 0;
        for (Lead lead : leads) {
            if (!lead.leadOn.isBefore(s) && lead.leadOn.isBefore(e)) {
                newLeads += lead.leads;
                converted += lead.converted;
            }
        }
        Double salesCycle = ratio(d.sum(Count.CYCLE_DAYS, s, e), d.sum(Count.CYCLE_N, s, e));
        Double clvHistorical = ratio(d.before(Money.WON_REVENUE, e), d.before(Count.FIRST_BUYERS, e));

        Double aov = ratio(d.sum(Money.WON_REVENUE, e365, e), d.sum(Count.WON_PRICED, e365, e));
        Double frequency = ratio(d.sum(Count.WON_ORDERS, e365, e), active);
        Double lifespan = lifespan(d.upTo(Count.YEAR_RETAINED_DELTA, e), d.upTo(Count.ACTIVE_DELTA, e365));

        long complaints = d.sum(Count.COMPLAINTS, s, e);
        long resolved = d.sum(Count.RESOLVED, s, e);
        Double resolutionHours = resolved == 0 ? null
                : d.sum(Money.RESOLVED_SECONDS, s, e).doubleValue() / resolved / 3600;
        long surveys = d.sum(Count.CSAT_N, s, e);
        Double csat = surveys == 0 ? null : d.sum(Money.CSAT_SUM, s, e).doubleValue() / surveys;
        Double satisfied = ratio(d.sum(Count.CSAT_SATISFIED, s, e), surveys);

        double collected = d.sum(Money.COLLECTED, s, e).doubleValue();
        double receivables = d.before(Money.WON_REVENUE, e).subtract(d.before(Money.COLLECTED, e))
                .max(BigDecimal.ZERO).doubleValue();

        Double margin = d.sum(Count.MARGIN_N, s, e) == 0 ? null : d.sum(Money.MARGIN, s, e).doubleValue();
        BigDecimal lineAmount = d.sum(Money.LINE_AMOUNT, s, e);
        Double costCoverage = d.sum(Count.COSTED_AMOUNT_N, s, e) == 0 || d.sum(Count.LINE_AMOUNT_N, s, e) == 0
                || lineAmount.signum() == 0 ? null
                : d.sum(Money.COSTED_AMOUNT, s, e).divide(lineAmount, MathContext.DECIMAL64).doubleValue();
        Double clvMargin = ratio(d.before(Money.MARGIN, e), d.before(Count.MARGIN_FIRST, e));

        return new PeriodKpis(p.label(), s, e, revenue, orders, buyers, active,
                retention, retention == null ? null : 1 - retention, ratio(bucket[1], buyers),
                newLeads, ratio(converted, newLeads), salesCycle, clvHistorical, aov, frequency, lifespan,
                aov == null || frequency == null || lifespan == null ? null : aov * frequency * lifespan,
                complaints, active == 0 ? null : complaints * 100.0 / active, resolutionHours,
                d.upTo(Count.OVERDUE_DELTA, e), csat, satisfied,
                ratio(revenue - previousRevenue, previousRevenue), collected, ratio(collected, revenue), receivables,
                revenue == 0 ? null : receivables / revenue * p.days(), d.sum(Count.UNCONVERTED, s, e),
                margin, costCoverage, clvMargin);
    }

    List<CustomerKpis> customers(LocalDate asOf) {
        return jdbc.query(KpiSql.CUSTOMERS, new MapSqlParameterSource("asOf", asOf), (rs, n) -> {
            int r = rs.getInt("r");
            int f = rs.getInt("f");
            int m = rs.getInt("m");
            return new CustomerKpis(UUID.fromString(rs.getString("golden_id")), asOf, rs.getDouble("revenue"),
                    rs.getLong("orders"), rs.getLong("recency_days"), rs.getLong("frequency"),
                    rs.getDouble("monetary"), r, f, m, CustomerKpis.segment(r, f, m), rs.getString("grade"));
        });
    }

    /** 1 / annual churn, capped; no earlier year of buyers means no estimate. */
    private static Double lifespan(long retained, long earlierBuyers) {
        if (earlierBuyers == 0) {
            return null;
        }
        double churn = 1 - (double) retained / earlierBuyers;
        return churn <= 1.0 / LIFESPAN_CAP_YEARS ? LIFESPAN_CAP_YEARS : 1 / churn;
    }

    static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }

    private static Double ratio(BigDecimal numerator, long denominator) {
        return denominator == 0 ? null : numerator.divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64)
                .doubleValue();
    }
}
