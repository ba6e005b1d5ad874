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
        Double retention = ratio(rs.getLong("retained"), rs.getLong("previous_buyers"));
        Double aov = ratio(rs.getDouble("year_revenue"), rs.getLong("year_priced_orders"));
        Double frequency = ratio(rs.getLong("year_orders"), rs.getLong("year_buyers_dummy_guard"));
        return null;
    }

    static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }

    static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
