package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.it.HubIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Two store transactions committing at once, one linking a customer record to its golden customer, the other writing
 * an order of that record (two hubs, or two consumers, applying the customer and the order topics). Each restates at
 * its commit; the order's transaction, not seeing the link yet, has no golden customer to restate, and the link's
 * transaction, not seeing the order yet, restates the golden customer without it. The restatement now locks the
 * records it was told about first (V22), so the later of the two waits for the earlier's commit and sees its work. The
 * interleaving is forced: the link's transaction restates at once ({@code SET CONSTRAINTS ALL IMMEDIATE}) and stays
 * open while the order's transaction commits.
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
                       OR p.proname IN ('identity_key_count_add', 'identity_key_count_fold', 'identity_keys_replace'))
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
            assertThat(stored).as("the golden customer's days as restated at the two commits").isEqualTo(fromFacts);
        } finally {
            committer.shutdownNow();
            // through the triggers, so the shared aggregates (kpi_day, kpi_period…) lose this golden customer's share
            jdbc.update("DELETE FROM kpi_fact WHERE source_system = 'race' AND source_key = ?", key + "-SO");
            jdbc.update("DELETE FROM identity_link WHERE source_system = 'race' AND source_key = ?", key);
            jdbc.update("DELETE FROM golden_customer WHERE golden_id = ?", golden);
        }
    }

    /** The link's transaction restates and stays open; the order's commits meanwhile; then the link's commits. */
    private void race(String key, UUID golden, ExecutorService committer, JdbcTemplate jdbc) throws Exception {
        try (Connection linking = store.getConnection(); Connection ordering = store.getConnection()) {
            linking.setAutoCommit(false);
            ordering.setAutoCommit(false);
            try (PreparedStatement link = linking.prepareStatement("INSERT INTO identity_link (source_system, "
                    + "source_entity, source_key, golden_id, rule, normalized, rules_version) "
                    + "VALUES ('race', 'customers', ?, ?, 'new', '{}', 1)")) {
                link.setString(1, key);
                link.setObject(2, golden);
                link.executeUpdate();
            }
            execute(linking, "SET CONSTRAINTS ALL IMMEDIATE"); // its restatement runs now; the transaction stays open
            try (PreparedStatement fact = ordering.prepareStatement("INSERT INTO kpi_fact (source_system, "
                    + "source_entity, source_key, entity, kind, customer_system, customer_entity, customer_key, "
                    + "occurred_on, occurred_at, amount, currency, snapshot) VALUES ('race', 'sales_orders', ?, "
                    + "'order', 'ORDER_WON', 'race', 'customers', ?, DATE '2039-03-07', "
                    + "TIMESTAMPTZ '2039-03-07 00:00:00+00', 100.00, 'CNY', false)")) {
                fact.setString(1, key + "-SO");
                fact.setString(2, key);
                fact.executeUpdate();
            }
            int orderingPid = backendPid(ordering);
            Future<?> orderCommitted = committer.submit(() -> {
                ordering.commit();
                return null;
            });
            // the order's commit either waits for the link's transaction (its record's lock) or is through
            await().atMost(TIMEOUT).until(() -> orderCommitted.isDone() || waitsOnAdvisoryLock(jdbc, orderingPid));
            linking.commit();
            orderCommitted.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean waitsOnAdvisoryLock(JdbcTemplate jdbc, int pid) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT coalesce(bool_or(wait_event = 'advisory'), false) "
                + "FROM pg_stat_activity WHERE pid = ?", Boolean.class, pid));
    }
}
