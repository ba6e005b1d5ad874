package io.crmhub.kpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Runs the indicator SQL ({@link KpiSql}) for one period or for the customer scores. */
@Component
class KpiQueries {

    private static final int LIFESPAN_CAP_YEARS = 10;

    private final NamedParameterJdbcTemplate jdbc;
    private final KpiProperties properties;

    KpiQueries(NamedParameterJdbcTemplate jdbc, KpiProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The indicators of {@code p}; {@code customers} null means every golden customer. */
    PeriodKpis period(Period p, Period previous, LocalDate asOf, Collection<UUID> customers) {
        MapSqlParameterSource params = filter(customers).addValue("s", p.start()).addValue("e", p.end())
                .addValue("ps", previous.start()).addValue("e365", p.end().minusDays(365))
                .addValue("e730", p.end().minusDays(730)).addValue("asOf", asOf)
                .addValue("endAt", Timestamp.from(p.end().atStartOfDay(properties.zone()).toInstant()))
                .addValue("slaHours", properties.complaintSlaHours());
        return jdbc.queryForObject(KpiSql.PERIOD, params, (rs, n) -> toPeriod(p, rs));
    }

    List<CustomerKpis> customers(LocalDate asOf) {
        return jdbc.query(KpiSql.CUSTOMERS, filter(null).addValue("asOf", asOf), (rs, n) -> {
            int r = rs.getInt("r");
            int f = rs.getInt("f");
            int m = rs.getInt("m");
            return new CustomerKpis(UUID.fromString(rs.getString("golden_id")), asOf, rs.getDouble("revenue"),
                    rs.getLong("orders"), rs.getLong("recency_days"), rs.getLong("frequency"),
                    rs.getDouble("monetary"), r, f, m, CustomerKpis.segment(r, f, m), rs.getString("grade"));
        });
    }

    private MapSqlParameterSource filter(Collection<UUID> customers) {
        return new MapSqlParameterSource("filtered", customers != null)
                .addValue("ids", customers == null ? new String[0]
                        : customers.stream().map(UUID::toString).toArray(String[]::new))
                .addValue("zone", properties.zone().getId());
    }

    private static PeriodKpis toPeriod(Period p, ResultSet rs) throws SQLException {
        double revenue = rs.getDouble("revenue");
        long buyers = rs.getLong("buyers");
        long active = rs.getLong("active_customers");
        long complaints = rs.getLong("complaints");
        double collected = rs.getDouble("collected");
        double receivables = rs.getDouble("receivables");
        Double retention = ratio(rs.getLong("retained"), rs.getLong("previous_buyers"));
        long newLeads = rs.getLong("new_leads");
        Double aov = ratio(rs.getDouble("year_revenue"), rs.getLong("year_priced_orders"));
        Double frequency = ratio(rs.getLong("year_orders"), rs.getLong("year_buyers"));
        Double lifespan = lifespan(rs.getLong("year_retained"), rs.getLong("earlier_year_buyers"));
        Double previousRevenue = rs.getDouble("previous_revenue");
        return new PeriodKpis(p.label(), p.start(), p.end(), revenue, rs.getLong("orders"), buyers, active,
                retention, retention == null ? null : 1 - retention, ratio(rs.getLong("repeaters"), buyers),
                newLeads, ratio(rs.getLong("converted_leads"), newLeads), nullable(rs, "sales_cycle_days"),
                nullable(rs, "clv_historical"), aov, frequency, lifespan,
                aov == null || frequency == null || lifespan == null ? null : aov * frequency * lifespan,
                complaints, active == 0 ? null : complaints * 100.0 / active,
                nullable(rs, "average_resolution_hours"), rs.getLong("overdue_escalations"),
                nullable(rs, "csat_average"), nullable(rs, "csat_satisfied_share"),
                ratio(revenue - previousRevenue, previousRevenue), collected, ratio(collected, revenue), receivables,
                revenue == 0 ? null : receivables / revenue * p.days(), rs.getLong("unconverted_records"),
                nullable(rs, "margin"), nullable(rs, "cost_coverage"), nullable(rs, "clv_margin_historical"));
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

    static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
