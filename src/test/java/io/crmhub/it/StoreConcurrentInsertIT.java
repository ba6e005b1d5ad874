package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.store.ApplyOutcome;
import io.crmhub.store.CanonicalStore;
import io.crmhub.store.IsolatingApply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A record the store did not hold when the batch locked its rows is inserted without ON CONFLICT (StoreStatements). A
 * writer that inserts the same record meanwhile (two consumers of a partition during a rebalance, a backfill page and
 * a live change of one new record) makes that insert fail; the batch is applied again and the version guard decides,
 * as it would have with ON CONFLICT: an older change leaves the newer row alone, a newer one replaces it.
 */
@HubIntegrationTest
class StoreConcurrentInsertIT {

    @Autowired
    CanonicalStore store;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate crm;

    @Test
    void anOlderChangeOfARecordInsertedConcurrentlyIsStaleAndLeavesItAlone() throws Exception {
        String key = "ci-" + UUID.randomUUID();
        List<ApplyOutcome> outcomes = applyWhileAnotherWriterInserts(key, 5, CanonicalEvents.customer(key, 3, "并发甲"));

        assertThat(outcomes).containsExactly(ApplyOutcome.STALE);
        assertThat(crm.queryForObject("SELECT source_sequence FROM customer_record WHERE source_system = 'it' "
                + "AND source_entity = 'customers' AND source_key = ?", Long.class, key)).isEqualTo(5L);
        assertThat(logged(key)).isZero();
    }

    @Test
    void aNewerChangeOfARecordInsertedConcurrentlyReplacesItOnce() throws Exception {
        String key = "ci-" + UUID.randomUUID();
        CanonicalEvent newer = CanonicalEvents.customer(key, 7, "并发乙");
        List<ApplyOutcome> outcomes = applyWhileAnotherWriterInserts(key, 2, newer);

        assertThat(outcomes).containsExactly(ApplyOutcome.APPLIED);
        assertThat(crm.queryForObject("SELECT source_sequence FROM customer_record WHERE source_system = 'it' "
                + "AND source_entity = 'customers' AND source_key = ?", Long.class, key)).isEqualTo(7L);
        assertThat(crm.queryForObject("SELECT payload->>'name' FROM customer_record WHERE source_system = 'it' "
                + "AND source_entity = 'customers' AND source_key = ?", String.class, key)).isEqualTo("并发乙");
        assertThat(logged(key)).isEqualTo(1);
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_link WHERE source_system = 'it' "
                + "AND source_entity = 'customers' AND source_key = ?", Long.class, key)).isEqualTo(1L);
    }

    /**
     * Another connection inserts the record at {@code storedSequence} and holds its transaction open until the store's
     * insert of {@code change} waits for it, then commits.
     */
    private List<ApplyOutcome> applyWhileAnotherWriterInserts(String key, long storedSequence, CanonicalEvent change)
            throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    INSERT INTO customer_record (source_system, source_entity, source_key, payload, source_position,
                        source_sequence, mapping_version, last_event_id, last_op, occurred_at)
                    VALUES ('it', 'customers', ?, CAST(? AS jsonb), ?, ?, 'it@1', ?, 'UPDATE', now())
                    """)) {
                insert.setString(1, key);
                insert.setString(2, "{\"number\": \"IT-" + key + "\", \"kind\": \"PERSON\", \"name\": \"另一写入方\"}");
                insert.setString(3, "pos-" + storedSequence);
                insert.setLong(4, storedSequence);
                insert.setObject(5, UUID.randomUUID());
                insert.executeUpdate();
            }
            List<String> refused = new ArrayList<>();
            CompletableFuture<List<ApplyOutcome>> applying = CompletableFuture.supplyAsync(() ->
                    IsolatingApply.applyAll(store, List.of(change), (i, reason) -> refused.add(reason.toString())));
            // the store's insert waits for the other writer's transaction on the primary key
            await().atMost(Duration.ofSeconds(30)).until(() -> crm.queryForObject("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO customer_record%'
                    """, Long.class) > 0);
            other.commit();
            List<ApplyOutcome> outcomes = applying.get();
            assertThat(refused).isEmpty();
            return outcomes;
        }
    }

    private int logged(String key) {
        return crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'it' "
                + "AND source_entity = 'customers' AND source_key = ?", Integer.class, key);
    }
}
