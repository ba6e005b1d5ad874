package io.crmhub.ops.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.OaWatermark;
import io.crmhub.connector.oa.wsdl.ChangeItem;
import io.crmhub.connector.oa.wsdl.Contact;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.OaSimulatorSupport;
import io.crmhub.simulator.oa.OaData;
import io.crmhub.simulator.oa.OaFaultPlan.Fault;
import io.crmhub.simulator.oa.OaSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OA backfill against the simulated OA over SOAP/HTTP, with the live poll running beside it: contacts the live poll
 * never saw are loaded, an older store version is refreshed and a deletion carried over, a live change made after the
 * backfill applied a record wins, one made before the backfill reached it is not overwritten, a crash after a page
 * was applied but before its checkpoint is resumed without a duplicate change, a transient SOAP fault is retried,
 * and the live {@code oa_watermark} is never touched.
 */
@HubIntegrationTest
class BackfillOaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ROUTE = "oa-changes-poll";
    private static final int PORT = OaSimulatorSupport.freePort();

    @DynamicPropertySource
    static void oa(DynamicPropertyRegistry registry) {
        registry.add("hub.simulator.oa.enabled", () -> "true");
        registry.add("hub.simulator.oa.port", () -> PORT);
        registry.add("hub.simulator.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.simulator.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.simulator.oa.seed-contacts", () -> 10);
        registry.add("hub.simulator.oa.changes-per-second", () -> 0);
        registry.add("hub.connectors.oa.enabled", () -> "true");
        registry.add("hub.connectors.oa.url", () -> "http://localhost:" + PORT + "/oa");
        registry.add("hub.connectors.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.connectors.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.connectors.oa.poll-interval-ms", () -> 200);
    }

    @Autowired
    OaSimulator oa;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    CamelContext camel;
    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    BackfillService backfill;
    @Autowired
    MeterRegistry registry;

    /** Set per test, used once after the last: JUnit's @AfterAll runs while the context is still open. */
    private static JdbcTemplate store;
    private static CamelContext hubCamel;
    private static HubKafkaProperties kafkaProps;

    final String tag = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void remember() {
        store = crm;
        hubCamel = camel;
        kafkaProps = kafka;
    }

    @AfterAll
    static void leaveNoOaDataForTheNextTest() throws Exception {
        hubCamel.getRouteController().stopRoute(ROUTE);
        OaSimulatorSupport.forgetOa(store, kafkaProps);
        store.update("DELETE FROM backfill_checkpoint WHERE run_id IN (SELECT id FROM backfill_run"
                + " WHERE source_system = 'oa')");
        store.update("DELETE FROM backfill_run WHERE source_system = 'oa'");
    }

    @Test
    void backfillLoadsHistoryTheLivePollNeverSawResumesAfterACrashAndLetsLiveChangesWin() {
        OaData data = oa.simulation().data();
        await().atMost(TIMEOUT).until(() -> contactsInStore().equals(OaSimulatorSupport.inOa(data, OaEntity.CONTACTS)));
        List<String> known = feed().stream().map(ChangeItem::getId).toList();
        assertThat(known).hasSize(10);

        // history the live poll never sees: written while it is stopped, then its watermark is set past it (a hub
        // started against an OA with years of records, or a lost watermark row set to "now")
        stop();
        List<String> missed = IntStream.range(0, 7).mapToObj(i -> oa.simulation().newContact().getId()).toList();
        // the OA stamps changes by the millisecond and orders equal stamps by id: let the clock move on, or the two
        // changes below could share the last new contact's stamp and sort before the new contacts (older ids)
        long lastStamp = data.get(OaEntity.CONTACTS, missed.get(6)).getModifiedAt().toGregorianCalendar()
                .getTimeInMillis();
        await().atMost(TIMEOUT).until(() -> System.currentTimeMillis() > lastStamp);
        String refreshed = known.get(8);
        change(refreshed, c -> c.setTitle("Backfill " + tag));
        String deleted = known.get(9);
        change(deleted, c -> c.setDeleted(true));
        ChangeItem last = feed().get(feed().size() - 1);
        crm.update("UPDATE oa_watermark SET modified_at = ?, last_id = ? WHERE entity = 'contacts'",
                Timestamp.from(last.getModifiedAt().toGregorianCalendar().toInstant()), last.getId());
        assertThat(contactsInStore()).doesNotContainKeys(missed.toArray(String[]::new))
                .containsEntry(refreshed, 1L).containsEntry(deleted, 1L);

        // feed: known 0-7 | missed 0-6, refreshed, deleted; pages of 4. Page 3 holds missed 0-3, page 4 missed 4-6.
        String liveAfter = missed.get(0);
        String liveBefore = missed.get(5);
        BackfillRequest request = new BackfillRequest("oa", "contacts", null, null, 0, 4, 0, true);
        // the live poll is stopped until page 3, so the fault hits the backfill: its count passes, page 1 gets a 503
        oa.faults().inject(OaEntity.CONTACTS, Fault.HTTP_503, 1);
        assertThatThrownBy(() -> backfill.run(request, (run, page) -> {
            if (page == 3) {
                // after the backfill applied liveAfter, and before it reads liveBefore: the live poll applies both
                start();
                change(liveAfter, c -> c.setEmail("live-" + tag + "@example.com"));
                change(liveBefore, c -> c.setEmail("before-" + tag + "@example.com"));
                await().atMost(TIMEOUT).until(() -> contactsInStore().getOrDefault(liveAfter, 0L) == 2
                        && contactsInStore().getOrDefault(liveBefore, 0L) == 2);
            }
            if (page == 4) {
                throw new SimulatedCrash();
            }
        })).isInstanceOf(SimulatedCrash.class);
        Map<String, Object> interrupted = crm.queryForMap("SELECT id, status, pages, cursor FROM backfill_run"
                + " WHERE source_system = 'oa' AND status <> 'ABANDONED' ORDER BY id DESC LIMIT 1");
        assertThat(interrupted).containsEntry("status", "FAILED").containsEntry("pages", 3);
        assertThat((String) interrupted.get("cursor")).endsWith("|" + missed.get(3));
        assertThat(oa.faults().pending()).as("the 503 was served (and retried: page 1 went on)").isFalse();

        stop();
        Map<String, Object> liveWatermark = crm.queryForMap("SELECT * FROM oa_watermark WHERE entity = 'contacts'");
        BackfillReport report = backfill.run(new BackfillRequest("oa", "contacts", null, null, 0, 4, 0, false),
                BackfillObserver.NONE);

        assertThat(crm.queryForMap("SELECT * FROM oa_watermark WHERE entity = 'contacts'")).isEqualTo(liveWatermark);
        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.runId()).isEqualTo(interrupted.get("id"));
        // pages 1-2: the ten known at the store's version; 3: missed 0-3; 4 (re-read after the crash): missed 4 and
        // 6, refreshed, deleted; 5: the two live changes, already in the store
        assertThat(report.stale()).isEqualTo(8 + 2);
        assertThat(report.applied()).isEqualTo(4);
        assertThat(report.duplicate()).isEqualTo(4);
        assertThat(report.deadLettered()).isZero();
        assertThat(crm.queryForList("SELECT page FROM backfill_checkpoint WHERE run_id = ? ORDER BY page",
                Integer.class, report.runId())).containsExactly(1, 2, 3, 4, 5);
        assertThat(crm.queryForObject("SELECT status || '/' || attempts FROM backfill_run WHERE id = ?",
                String.class, report.runId())).isEqualTo("COMPLETED/2");

        // full coverage, every record at the OA's version, every change applied once
        assertThat(contactsInStore()).isEqualTo(OaSimulatorSupport.inOa(data, OaEntity.CONTACTS)).hasSize(17);
        assertThat(OaSimulatorSupport.duplicateChanges(crm)).isZero();
        for (String key : missed) {
            assertThat(reads(key)).as("backfilled changes of %s", key).isEqualTo(key.equals(liveBefore) ? 0 : 1);
        }
        assertThat(lastOp(liveAfter)).isEqualTo("UPDATE");
        assertThat(email(liveAfter)).isEqualTo("live-" + tag + "@example.com");
        assertThat(lastOp(liveBefore)).isEqualTo("UPDATE");
        assertThat(email(liveBefore)).isEqualTo("before-" + tag + "@example.com");
        assertThat(lastOp(missed.get(1))).isEqualTo("READ");
        assertThat(lastOp(refreshed)).isEqualTo("READ");
        assertThat(crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = 'oa'"
                + " AND source_key = ? AND deleted_at IS NOT NULL", Long.class, deleted)).isOne();
        assertThat(crm.queryForObject("SELECT count(*) FROM dead_letter WHERE source_system = 'oa'"
                + " OR route_id IN ('" + ROUTE + "', 'hub-backfill')", Long.class)).isZero();

        Reconciliation r = report.reconciliation();
        assertThat(r.sourceCount()).isEqualTo(16);
        assertThat(r.storeCount()).isEqualTo(16);
        assertThat(r.matched()).isEqualTo(16);
        assertThat(r.consistent()).isTrue();
        assertThat(report.exitCode()).isZero();
        assertThat(registry.get("hub.backfill.progress").tags("source", "oa", "entity", "contacts").gauge().value())
                .isEqualTo(1.0);
    }

    private List<ChangeItem> feed() {
        return oa.simulation().data().changesAfter(OaEntity.CONTACTS, OaWatermark.BEGINNING, 10_000).items();
    }

    private void change(String id, Consumer<Contact> change) {
        OaData data = oa.simulation().data();
        data.save(OaEntity.CONTACTS, (Contact) data.get(OaEntity.CONTACTS, id), change);
    }

    private Map<String, Long> contactsInStore() {
        return OaSimulatorSupport.inStore(crm, OaEntity.CONTACTS);
    }

    private long reads(String key) {
        return crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'oa'"
                + " AND source_entity = 'contacts' AND source_key = ? AND op = 'READ'", Long.class, key);
    }

    private String lastOp(String key) {
        return crm.queryForObject("SELECT last_op FROM customer_record WHERE source_system = 'oa'"
                + " AND source_entity = 'contacts' AND source_key = ?", String.class, key);
    }

    private String email(String key) {
        return crm.queryForObject("SELECT payload->'emails'->>0 FROM customer_record WHERE source_system = 'oa'"
                + " AND source_entity = 'contacts' AND source_key = ?", String.class, key);
    }

    private void stop() {
        try {
            camel.getRouteController().stopRoute(ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void start() {
        try {
            camel.getRouteController().startRoute(ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash after a page was applied");
        }
    }
}
