package io.crmhub.ops.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.it.ErpDatabase;
import io.crmhub.it.HubIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ERP backfill against the live hub: history CDC never saw is loaded, records CDC already applied are refreshed, a
 * change made live during the backfill wins over the snapshot's older value, a crash after a page was applied but
 * before its checkpoint is resumed without a duplicate change, and the report names the key the mapping refused.
 */
@HubIntegrationTest
class BackfillErpIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    BackfillService backfill;
    @Autowired
    MeterRegistry registry;

    ErpDatabase erp;
    final List<Long> ids = new ArrayList<>();
    final String tag = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void connect() {
        erp = new ErpDatabase(erpProps);
        await().atMost(TIMEOUT).until(erp::isStreaming);
    }

    @AfterEach
    void cleanUp() {
        ids.forEach(id -> erp.update("DELETE FROM customers WHERE id = ?", id));
        erp.close();
    }

    @Test
    void backfillLoadsMissedHistoryResumesAfterACrashAndLetsTheLiveChangeWin() {
        List<Long> seen = insert("seen", 4, "C");
        seen.forEach(id -> awaitInStore(id));
        // CDC misses what is written while the table is out of the publication, like history before the slot
        erp.update("ALTER PUBLICATION " + erpProps.publicationName() + " DROP TABLE customers");
        List<Long> missed = insert("missed", 8, "C");
        long refused = insert("bad", 1, "X").get(0);
        erp.update("ALTER PUBLICATION " + erpProps.publicationName() + " ADD TABLE customers");
        long marker = insert("marker", 1, "P").get(0);
        awaitInStore(marker);
        missed.forEach(id -> assertThat(inStore(id)).as("missed by CDC: %s", id).isZero());

        long changedLive = missed.get(5);
        BackfillRequest request = new BackfillRequest("erp", "customers", String.valueOf(seen.get(0)),
                String.valueOf(marker), 0, 3, 0, false);
        assertThatThrownBy(() -> backfill.run(request, (run, page) -> {
            if (page == 1) {
                // after the snapshot: CDC applies it with a WAL position above the snapshot's
                erp.update("UPDATE customers SET email = ?, status = 'ACTIVE' WHERE id = ?", "live-" + tag
                        + "@example.com", changedLive);
                await().atMost(TIMEOUT).until(() -> "UPDATE".equals(lastOp(changedLive)));
            }
            if (page == 2) {
                throw new SimulatedCrash();
            }
        })).isInstanceOf(SimulatedCrash.class);
        Map<String, Object> interrupted = crm.queryForMap("SELECT id, status, pages, sequence FROM backfill_run"
                + " WHERE range_from = ? AND range_to = ?", request.from(), request.to());
        assertThat(interrupted).containsEntry("status", "FAILED").containsEntry("pages", 1);

        BackfillReport report = backfill.run(request, BackfillObserver.NONE);

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.runId()).isEqualTo(interrupted.get("id"));
        // page 2 had been applied before the crash: read again, same event ids, no new change
        assertThat(report.duplicate()).isEqualTo(3);
        assertThat(report.stale()).isEqualTo(1);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.applied()).isEqualTo(14 - 3 - 1 - 1);
        String position = "backfill:lsn:" + interrupted.get("sequence");
        for (long id : ids) {
            long reads = crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'erp' AND source_entity = 'customers'"
                    + " AND source_key = ? AND op = 'READ' AND source_position = ?", Long.class, key(id), position);
            assertThat(reads).as("backfilled changes of %s", id).isEqualTo(id == changedLive || id == refused ? 0 : 1);
            assertThat(inStore(id)).as("in store: %s", id).isEqualTo(id == refused ? 0 : 1);
        }
        assertThat(crm.queryForObject("SELECT payload->'emails'->>0 FROM customer_record WHERE source_system = 'erp'"
                + " AND source_entity = 'customers' AND source_key = ?", String.class, key(changedLive)))
                .isEqualTo("live-" + tag + "@example.com");
        assertThat(lastOp(missed.get(0))).isEqualTo("READ");

        Reconciliation r = report.reconciliation();
        assertThat(r.sourceCount()).isEqualTo(14);
        assertThat(r.storeCount()).isEqualTo(13);
        assertThat(r.matched()).isEqualTo(13);
        assertThat(r.missingTotal()).isEqualTo(1);
        assertThat(r.missing().get(0).key()).isEqualTo(key(refused));
        assertThat(r.missing().get(0).reason()).startsWith("dead letter ").contains("customers.kind");
        assertThat(r.extraTotal()).isZero();
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(crm.queryForObject("SELECT count(*) FROM dead_letter WHERE source_system = 'erp' AND source_entity = 'customers'"
                + " AND source_key = ?", Long.class, key(refused))).isEqualTo(1);
        assertThat(crm.queryForList("SELECT page FROM backfill_checkpoint WHERE run_id = ? ORDER BY page",
                Integer.class, report.runId())).containsExactly(1, 2, 3, 4, 5);
        assertThat(crm.queryForObject("SELECT status || '/' || attempts FROM backfill_run WHERE id = ?",
                String.class, report.runId())).isEqualTo("COMPLETED/2");
        assertThat(registry.get("hub.backfill.progress").tags("source", "erp", "entity", "customers").gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("hub.backfill.records").tags("source", "erp", "outcome", "duplicate").counter()
                .count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aThrottledRestartTakesAtLeastTheTimeItsRateAllows() {
        List<Long> customers = insert("rate", 11, "P");
        customers.forEach(id -> awaitInStore(id));
        BackfillRequest request = new BackfillRequest("erp", "customers", String.valueOf(customers.get(0)),
                String.valueOf(customers.get(10)), 50, 4, 0, true);

        // a store record whose key is not a number (written by another path) is simply not in a numeric key range
        String oddKey = "9e99999999999-" + tag;
        crm.update("INSERT INTO customer_record (source_system, source_entity, source_key, payload, source_position,"
                + " source_sequence, last_event_id, last_op, occurred_at) VALUES ('erp', 'customers', ?, '{}'::jsonb,"
                + " 'test', 1, gen_random_uuid(), 'CREATE', now())", oddKey);
        BackfillReport report;
        try {
            report = backfill.run(request, BackfillObserver.NONE);
        } finally {
            crm.update("DELETE FROM customer_record WHERE source_key = ?", oddKey);
        }

        // 11 records at 50/s: ten intervals of 20 ms at least
        assertThat(report.seconds()).isGreaterThanOrEqualTo(0.2);
        assertThat(report.rate()).isLessThanOrEqualTo(60);
        assertThat(report.applied()).isEqualTo(11);
        assertThat(report.reconciliation().consistent()).isTrue();
        assertThat(report.exitCode()).isZero();
    }

    private List<Long> insert(String kindOfRow, int n, String kind) {
        List<Long> inserted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer_no", "BF-" + tag + "-" + kindOfRow + "-" + i);
            row.put("kind", kind);
            row.put("name", "Backfill " + kindOfRow + " " + i + " Co., Ltd.");
            row.put("email", kindOfRow + i + "-" + tag + "@example.com");
            row.put("status", "PROSPECT");
            inserted.add(erp.insert("customers", row));
        }
        ids.addAll(inserted);
        return inserted;
    }

    private void awaitInStore(long id) {
        await().atMost(TIMEOUT).until(() -> inStore(id) == 1);
    }

    private long inStore(long id) {
        return crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = 'erp'"
                + " AND source_entity = 'customers' AND source_key = ? AND deleted_at IS NULL", Long.class, key(id));
    }

    private String lastOp(long id) {
        List<String> ops = crm.queryForList("SELECT last_op FROM customer_record WHERE source_system = 'erp'"
                + " AND source_entity = 'customers' AND source_key = ?", String.class, key(id));
        return ops.isEmpty() ? null : ops.get(0);
    }

    private static String key(long id) {
        return String.valueOf(id);
    }

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash after a page was applied");
        }
    }
}
