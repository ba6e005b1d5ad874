package io.crmhub.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.kpi.CustomerExpectations.CustomerKpi;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One comparison of served and expected KPIs over the same store state. Indicators are store-wide, so the
 * expected values and the served answer are taken between two reads of the store's change counters; if
 * anything else wrote in between (a late delivery from an earlier test's topics), the pair is taken again.
 */
final class KpiCheck {

    private static final String STORE_STATE = "SELECT (SELECT count(*) FROM change_log) || '/' "
            + "|| (SELECT COALESCE(max(id), 0) FROM identity_decision)";
    private static final int ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final KpiApi api;
    private final KpiExpectations expectations;
    private final CustomerExpectations customers;

    KpiCheck(JdbcTemplate jdbc, KpiApi api) {
        this.jdbc = jdbc;
        this.api = api;
        this.expectations = new KpiExpectations(jdbc);
        this.customers = new CustomerExpectations(jdbc);
    }

    KpiApi api() {
        return api;
    }

    /**
     * Asserts the served periods equal the SQL for these customers ({@code null}: everybody) and returns the
     * expected values. {@code filter} is the query's filter part, e.g. {@code &goldenId=...}; asOf is {@code to}.
     */
    Map<String, Map<String, BigDecimal>> periodsMatch(Periods periods, Collection<UUID> scope, String filter) {
        return periodsMatch(periods, scope, filter, null);
    }

    /** The same with an explicit {@code asOf} (null: the default, {@code to}). */
    Map<String, Map<String, BigDecimal>> periodsMatch(Periods periods, Collection<UUID> scope, String filter,
                                                      LocalDate asOf) {
        LocalDate effective = asOf == null ? periods.to() : asOf;
        String query = periods.query() + filter + (asOf == null ? "" : "&asOf=" + asOf);
        for (int attempt = 1; ; attempt++) {
            String state = state();
            Map<String, Map<String, BigDecimal>> expected = expectations.all(periods, scope, effective);
            JsonNode served = api.kpis(query);
            if (state.equals(state()) || attempt == ATTEMPTS) {
                KpiAssert.periodsMatch(query, served, periods, effective, expected);
                return expected;
            }
        }
    }

    /** Asserts {@code GET /api/v1/kpis/customers/{id}} for each customer and returns everybody's expected scores. */
    Map<UUID, CustomerKpi> customersMatch(Collection<UUID> goldenIds, LocalDate asOf) {
        for (int attempt = 1; ; attempt++) {
            String state = state();
            Map<UUID, CustomerKpi> expected = customers.asOf(asOf);
            Map<UUID, JsonNode> served = new java.util.LinkedHashMap<>();
            goldenIds.forEach(id -> served.put(id, api.customer(id, asOf)));
            if (state.equals(state()) || attempt == ATTEMPTS) {
                SoftAssertions soft = new SoftAssertions();
                served.forEach((id, body) -> KpiAssert.customerMatches(soft, "customer " + id, body,
                        expected.getOrDefault(id, CustomerExpectations.unscored())));
                soft.assertAll();
                return expected;
            }
        }
    }

    private String state() {
        return jdbc.queryForObject(STORE_STATE, String.class);
    }
}
