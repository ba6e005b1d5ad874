package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.it.HubIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The KPI aggregates are restated after the commits that marked them, by the hub's restater (V33), while other
 * transactions keep committing. Here a restatement of a record that just joined its golden customer is held open
 * (as the restater's transaction) while an order of that record commits: the restatement cannot see the order, and
 * the order's own mark, committed with it, makes the next restatement count it. Before V33 each applying transaction
 * restated at its own commit and the same interleaving lost the order (V22).
 */
@HubIntegrationTest
class KpiRestateRaceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    DataSource store;

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

    /**
     * V24: the store's trigger functions (and the key-count functions the hub calls) run with generic plans, which
     * everything they call inherits; with the default a statement over a batch's arrays is planned again at every
     * call (the restatement at commit 6.2 against 0.7 ms). CREATE OR REPLACE FUNCTION drops a SET clause: a later
     * migration that redefines one of them without repeating it would bring the planning back without failing
     * anything else.
     */
    @Test
    void theStoreTriggersRunWithGenericPlans() {
        List<String> planned = new JdbcTemplate(store).queryForList("""
                SELECT p.proname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.pronamespace = current_schema()::regnamespace AND l.lanname = 'plpgsql'
                  AND (p.prorettype = 'trigger'::regtype
                       OR p.proname IN ('identity_key_count_add', 'identity_key_count_fold', 'identity_keys_replace',
                                        'kpi_restate_marked'))
                  AND NOT coalesce('plan_cache_mode=force_generic_plan' = ANY (p.proconfig), false)
                ORDER BY 1""", String.class);
        assertThat(planned).isEmpty();
        assertThat(new JdbcTemplate(store).queryForObject("""
                SELECT count(*) FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
                  AND p.prorettype = 'trigger'::regtype""", Long.class)).isGreaterThanOrEqualTo(6);
    }

    @Test
    void anOrderCommittedWhileItsCustomerIsBeingLinkedCountsForTheGoldenCustomer() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(store);
        String key = "race-" + UUID.randomUUID();
        UUID golden = UUID.randomUUID();
        jdbc.update("INSERT INTO golden_customer (golden_id, status, record, provenance, member_count) "
                + "VALUES (?, 'ACTIVE', CAST(? AS jsonb), '{}', 1)", golden, "{\"name\":\"Race\",\"kind\":\"PERSON\"}");
        ExecutorService committer = Executors.newSingleThreadExecutor();
        try {
            race(key, golden, committer, jdbc);
            List<String> stored = jdbc.queryForList(
                    "SELECT d::text FROM kpi_golden_day d WHERE d.golden_id = ? ORDER BY d.day", String.class, golden);
            List<String> fromFacts = jdbc.queryForList(
                    "SELECT d::text FROM kpi_golden_days_of(ARRAY[CAST(? AS uuid)]) d ORDER BY d.day", String.class,
                    golden);
            assertThat(fromFacts).as("the golden customer's days recomputed from its facts").hasSize(1);
            assertThat(stored).as("the golden customer's days as restated after the two commits").isEqualTo(fromFacts);
        } finally {
            committer.shutdownNow();
            // through the triggers, so the shared aggregates (kpi_day, kpi_period…) lose this golden customer's share
            jdbc.update("DELETE FROM kpi_fact WHERE source_system = 'race' AND source_key = ?", key + "-SO");
            jdbc.update("DELETE FROM identity_link WHERE source_system = 'race' AND source_key = ?", key);
            jdbc.update("DELETE FROM golden_customer WHERE golden_id = ?", golden);
        }
    }

    /**
     * The link commits; a restatement taking its mark stays open while the order commits; then it commits, and the
     * hub's restater takes the order's mark.
     */
    private void race(String key, UUID golden, ExecutorService committer, JdbcTemplate jdbc) throws Exception {
        jdbc.update("INSERT INTO identity_link (source_system, source_entity, source_key, golden_id, rule, normalized, "
                + "rules_version) VALUES ('race', 'customers', ?, ?, 'new', '{}', 1)", key, golden);
        try (Connection restating = store.getConnection(); Connection ordering = store.getConnection()) {
            restating.setAutoCommit(false);
            ordering.setAutoCommit(false);
            // takes every free mark, the link's among them unless the hub's restater was quicker: either way the
            // link's restatement is done or under way without the order
            execute(restating, "SELECT kpi_restate_marked(1000000)");
            try (PreparedStatement fact = ordering.prepareStatement("INSERT INTO kpi_fact (source_system, "
                    + "source_entity, source_key, entity, kind, customer_system, customer_entity, customer_key, "
                    + "occurred_on, occurred_at, amount, currency, snapshot) VALUES ('race', 'sales_orders', ?, "
                    + "'order', 'ORDER_WON', 'race', 'customers', ?, DATE '2039-03-07', "
                    + "TIMESTAMPTZ '2039-03-07 00:00:00+00', 100.00, 'CNY', false)")) {
                fact.setString(1, key + "-SO");
                fact.setString(2, key);
                fact.executeUpdate();
            }
            Future<?> orderCommitted = committer.submit(() -> {
                ordering.commit();
                return null;
            });
            orderCommitted.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS); // marking never waits for a restatement
            restating.commit();
        }
        KpiRestated.await(jdbc);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
