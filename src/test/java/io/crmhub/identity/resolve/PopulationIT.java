package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.it.HubIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The population term frequencies are relative to is read from the statistics the server keeps current, not by
 * counting identity_link: a store that has taken more records than the floor since its last ANALYZE (a young
 * store, or one a backfill is filling) must not scan the table inside a store batch.
 */
@HubIntegrationTest
class PopulationIT {

    private static final int LINKS = 15_000;
    /** Well above the floor, and below the links inserted by more than an ANALYZE's estimate could be off. */
    private static final long KNOWN = 12_000;

    @Autowired
    JdbcTemplate crm;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aStoreLargerThanTheFloorIsEstimatedWithoutScanningItsLinks() {
        String system = "population-" + UUID.randomUUID();
        UUID golden = UUID.randomUUID();
        try {
            crm.update("INSERT INTO golden_customer (golden_id, record, provenance, member_count) "
                    + "VALUES (?, '{}', '{}', ?)", golden, LINKS);
            crm.update("""
                    INSERT INTO identity_link (source_system, source_entity, source_key, golden_id, rule, normalized,
                        rules_version)
                    SELECT ?, 'customer', 'C-' || n, ?, 'new', '{}', 1 FROM generate_series(1, ?) n
                    """, system, golden, LINKS);
            // the statistics system sees the committed rows within about a second, without ANALYZE
            await().atMost(Duration.ofSeconds(30)).until(() -> liveLinks() >= KNOWN);

            Long[] estimateAndScans = tx.execute(status -> new Long[] {new Population(crm).estimate(),
                    crm.queryForObject("SELECT pg_stat_get_xact_numscans('identity_link'::regclass)", Long.class)});

            assertThat(estimateAndScans[0]).isGreaterThanOrEqualTo(KNOWN).isGreaterThan(Population.FLOOR);
            assertThat(estimateAndScans[1]).as("sequential scans of identity_link to estimate it").isZero();
        } finally {
            crm.update("DELETE FROM identity_link WHERE source_system = ?", system);
            crm.update("DELETE FROM golden_customer WHERE golden_id = ?", golden);
        }
    }

    private long liveLinks() {
        Long live = crm.queryForObject("SELECT pg_stat_get_live_tuples('identity_link'::regclass)", Long.class);
        return live == null ? 0 : live;
    }
}
