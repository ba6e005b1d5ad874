package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.it.HubIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The KPI aggregates are restated after the writers' commits, from the marks they committed (V24). Two store
 * transactions committing one after the other, one linking a customer record to its golden customer, the other
 * writing an order of that record (two hubs, or two consumers, applying the customer and the order topics), with a
 * restatement round between the two commits, in either order: the golden customer's day ends up with the order. (At
 * commit, before V22, each transaction restated without the other's work.) And a mark waits, committed, for the
 * restater: with the kpi-restate route stopped nothing is restated, once it runs again the golden customer's day is.
 */
@HubIntegrationTest
class KpiRestateRaceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    DataSource store;
    @Autowired
    org.apache.camel.CamelContext camel;

    /**
     * V23: the set-returning helpers every commit's restatement calls are plpgsql, whose plans the session keeps (a
     * SQL function's statement is planned again at every call on PostgreSQL 17). A later migration that redefines one
     * in SQL would bring that cost back without failing anything else.
     */
    @Test
    void theRestatementHelpersKeepTheirPlans() {
        List<String> notPlpgsql = new JdbcTemplate(store).queryForList("""
                SELECT p.proname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.proname IN ('kpi_golden_days_of', 'kpi_golden_days_at', 'kpi_customer_contributions',
                                    'kpi_spell_contributions', 'kpi_period_contributions', 'kpi_lead_contributions',
                                    'kpi_customers_of', 'kpi_record_days', 'kpi_resolve')
                  AND l.lanname <> 'plpgsql' ORDER BY 1""", String.class);
        assertThat(notPlpgsql).isEmpty();
        assertThat(new JdbcTemplate(store).queryForObject("SELECT count(*) FROM pg_proc WHERE proname IN "
                + "('kpi_golden_days_of', 'kpi_resolve', 'kpi_record_days')", Long.class)).isEqualTo(3);
    }

    @Test
    void anOrderCommittedWhileItsCustomerIsBeingLinkedCountsForTheGoldenCustomer() throws Exception {
        linkedAndOrdered(true);
    }

    @Test
    void aLinkCommittedWhileItsRecordsOrderIsBeingWrittenBringsTheOrderToTheGoldenCustomer() throws Exception {
        linkedAndOrdered(false);
    }

    @Test
    void aCommittedMarkWaitsForTheRestaterAndIsRestatedWhenItRuns() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(store);
        String key = "wait-" + UUID.randomUUID();
        UUID golden = golden(jdbc);
        KpiRestates.drain(jdbc);
        camel.getRouteController().stopRoute("kpi-restate");
        try {
            jdbc.update(LINK, key, golden);
            jdbc.update(ORDER, key + "-SO", key);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM kpi_dirty WHERE source_system = 'race' "
                    + "AND source_key = ?", Long.class, key)).as("the link's and the order's marks, committed")
                    .isEqualTo(2);
            assertThat(days(jdbc, golden)).as("nothing restated while the restater is stopped").isEmpty();
        } finally {
            camel.getRouteController().startRoute("kpi-restate");
        }
        try {
            await("restated by the kpi-restate route").atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> days(jdbc, golden).size() == 1);
            assertThat(days(jdbc, golden)).isEqualTo(fromFacts(jdbc, golden));
        } finally {
            cleanUp(jdbc, key, golden);
        }
    }

    /**
     * One of the two transactions commits, a restatement round runs (the other's marks are not committed, so not
     * seen), then the other commits: after the next rounds the golden customer's days equal their recomputation.
     */
    private void linkedAndOrdered(boolean orderFirst) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(store);
        String key = "race-" + UUID.randomUUID();
        UUID golden = golden(jdbc);
        try (Connection linking = store.getConnection(); Connection ordering = store.getConnection()) {
            linking.setAutoCommit(false);
            ordering.setAutoCommit(false);
            update(linking, LINK, key, golden);
            update(ordering, ORDER, key + "-SO", key);
            (orderFirst ? ordering : linking).commit();
            KpiRestates.drain(jdbc); // a round between the two commits: the other transaction is still open
            List<String> between = days(jdbc, golden);
            (orderFirst ? linking : ordering).commit();
            KpiRestates.drain(jdbc);
            assertThat(between).as("between the commits only what was committed counts").isEmpty();
            List<String> fromFacts = fromFacts(jdbc, golden);
            assertThat(fromFacts).as("the golden customer's days recomputed from its facts").hasSize(1);
            assertThat(days(jdbc, golden)).as("the golden customer's days as restated after both commits")
                    .isEqualTo(fromFacts);
        } finally {
            cleanUp(jdbc, key, golden);
        }
    }

    private static final String LINK = "INSERT INTO identity_link (source_system, source_entity, source_key, "
            + "golden_id, rule, normalized, rules_version) VALUES ('race', 'customers', ?, ?, 'new', '{}', 1)";
    private static final String ORDER = "INSERT INTO kpi_fact (source_system, source_entity, source_key, entity, kind, "
            + "customer_system, customer_entity, customer_key, occurred_on, occurred_at, amount, currency, snapshot) "
            + "VALUES ('race', 'sales_orders', ?, 'order', 'ORDER_WON', 'race', 'customers', ?, DATE '2039-03-07', "
            + "TIMESTAMPTZ '2039-03-07 00:00:00+00', 100.00, 'CNY', false)";

    private static UUID golden(JdbcTemplate jdbc) {
        UUID golden = UUID.randomUUID();
        jdbc.update("INSERT INTO golden_customer (golden_id, status, record, provenance, member_count) "
                + "VALUES (?, 'ACTIVE', CAST(? AS jsonb), '{}', 1)", golden, "{\"name\":\"Race\",\"kind\":\"PERSON\"}");
        return golden;
    }

    private static List<String> days(JdbcTemplate jdbc, UUID golden) {
        return jdbc.queryForList("SELECT d::text FROM kpi_golden_day d WHERE d.golden_id = ? ORDER BY d.day",
                String.class, golden);
    }

    private static List<String> fromFacts(JdbcTemplate jdbc, UUID golden) {
        return jdbc.queryForList("SELECT d::text FROM kpi_golden_days_of(ARRAY[CAST(? AS uuid)]) d ORDER BY d.day",
                String.class, golden);
    }

    /** Through the triggers, so the shared aggregates (kpi_day, kpi_period…) lose this golden customer's share. */
    private static void cleanUp(JdbcTemplate jdbc, String key, UUID golden) {
        jdbc.update("DELETE FROM kpi_fact WHERE source_system = 'race' AND source_key = ?", key + "-SO");
        jdbc.update("DELETE FROM identity_link WHERE source_system = 'race' AND source_key = ?", key);
        KpiRestates.drain(jdbc);
        jdbc.update("DELETE FROM golden_customer WHERE golden_id = ?", golden);
    }

    private static void update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

}
