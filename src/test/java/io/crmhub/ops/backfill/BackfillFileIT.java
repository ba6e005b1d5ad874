package io.crmhub.ops.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.connector.shop.EncodingDetector;
import io.crmhub.identity.dryrun.DryRun;
import io.crmhub.identity.eval.SyntheticCsv;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.it.ErpDatabase;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.mapping.MappingEngine;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backfill from an export file and a mapping (the dry run's format) on the batch path: a GB18030 file with bad rows
 * (rejects file, like a shop file), a crash after a page was applied and before its checkpoint (resumed: the page
 * again, as duplicates), backfilled records joining a golden customer the live ERP stream created and a live
 * customer joining a backfilled one, the reconciliation with the golden count — and the dry run of a generated
 * file giving the clusters the backfill of the same file gives.
 */
@HubIntegrationTest
class BackfillFileIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path DIR = Path.of("target/backfill-file-it");

    @Autowired
    BackfillService backfill;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    ErpConnectorProperties erpProps;

    final String tag = UUID.randomUUID().toString().substring(0, 6);
    final String system = "legacy-" + tag;
    ErpDatabase erp;
    final List<Long> erpIds = new ArrayList<>();

    @BeforeEach
    void connect() throws IOException {
        Files.createDirectories(DIR);
        erp = new ErpDatabase(erpProps);
        await().atMost(TIMEOUT).until(erp::isStreaming);
    }

    @AfterEach
    void cleanUp() {
        erpIds.forEach(id -> erp.update("DELETE FROM customers WHERE id = ?", id));
        erp.close();
    }

    @Test
    void aGbkExportIsBackfilledInChunksResumedAfterACrashAndResolvedWithTheLiveCustomers() throws IOException {
        // live first: the ERP stream created this customer; the export's 张伟 records must join it
        long liveBefore = erpCustomer("P", "张伟", "13800138000", "Zhang.Wei1983@163.com", null);
        awaitLinked(liveBefore);

        // the dry run's sample, ids tagged, written in GB18030 as an old Chinese CRM exports it
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/dry-run/sample.csv"), StandardCharsets.UTF_8);
        StringBuilder content = new StringBuilder(lines.get(0)).append('\n');
        lines.subList(1, lines.size()).forEach(l -> content.append(tag).append(l).append('\n'));
        Path file = DIR.resolve("legacy-" + tag + ".csv");
        Files.write(file, content.toString().getBytes(EncodingDetector.GB18030));
        Path mapping = mapping(system);
        BackfillRequest request = new BackfillRequest("file", null, null, null, 0, 5, 0, false, file.toString(),
                mapping.toString());

        assertThatThrownBy(() -> backfill.run(request, (run, page) -> {
            if (page == 2) {
                throw new BackfillErpIT.SimulatedCrash();
            }
        })).isInstanceOf(BackfillErpIT.SimulatedCrash.class);
        Map<String, Object> interrupted = crm.queryForMap("SELECT id, status, pages, cursor, source_entity"
                + " FROM backfill_run WHERE source_system = 'file' AND source_file = ?",
                file.toAbsolutePath().normalize().toString());
        assertThat(interrupted).containsEntry("status", "FAILED").containsEntry("pages", 1)
                .containsEntry("cursor", "6").containsEntry("source_entity", "customers");

        BackfillReport report = backfill.run(request, BackfillObserver.NONE);

        assertThat(report.runId()).isEqualTo(interrupted.get("id"));
        assertThat(report.status()).isEqualTo("COMPLETED");
        // page 2 (lines 7-11) was applied before the crash: read again, same event ids, nothing new
        assertThat(report.duplicate()).isEqualTo(5);
        assertThat(report.applied()).isEqualTo(14 - 5);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.exitCode()).as("rejected lines").isEqualTo(2);
        assertThat(crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = ?"
                + " AND source_entity = 'customers' AND last_op = 'READ'", Long.class, system)).isEqualTo(14);
        assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = ?", Long.class, system))
                .as("each record logged once").isEqualTo(14);
        assertThat(crm.queryForObject("SELECT payload->>'name' FROM customer_record WHERE source_system = ?"
                + " AND source_key = ?", String.class, system, tag + "B-1")).isEqualTo("张伟");
        List<CSVRecord> rejects = csv(DIR.resolve("rejects/" + file.getFileName() + ".rejects.csv"));
        assertThat(rejects).extracting(r -> r.get("line")).containsExactly("16", "17", "18");
        assertThat(rejects.get(0).get("reason")).contains("is not one of");
        assertThat(rejects.get(2).get("reason")).contains("columns");

        // identity: against the golden customers already in the store, and within the file
        UUID erpGolden = golden("erp", String.valueOf(liveBefore));
        assertThat(golden(system, tag + "B-1")).isEqualTo(erpGolden);
        assertThat(golden(system, tag + "B-2")).isEqualTo(erpGolden);
        assertThat(golden(system, tag + "A-2")).isEqualTo(golden(system, tag + "A-1"));
        assertThat(golden(system, tag + "A-3")).isNotEqualTo(golden(system, tag + "A-1"));
        assertThat(golden(system, tag + "C-2")).isNotEqualTo(golden(system, tag + "C-1"));
        assertThat(crm.queryForObject("SELECT member_count FROM golden_customer WHERE golden_id = ?", Integer.class,
                erpGolden)).isEqualTo(4);
        // and the reverse: a live customer arriving after the backfill joins the backfilled one
        long liveAfter = erpCustomer("C", "上海华信科技有限公司", null, null, "91310115MA1K3XB20C");
        awaitLinked(liveAfter);
        assertThat(golden("erp", String.valueOf(liveAfter))).isEqualTo(golden(system, tag + "A-1"));

        Reconciliation r = report.reconciliation();
        assertThat(r.sourceCount()).isEqualTo(14);
        assertThat(r.storeCount()).isEqualTo(14);
        assertThat(r.matched()).isEqualTo(14);
        assertThat(r.consistent()).isTrue();
        assertThat(r.goldenCount()).isEqualTo(crm.queryForObject("SELECT count(DISTINCT golden_id) FROM identity_link"
                + " WHERE source_system = ?", Long.class, system)).isLessThan(14);
        assertThat(r.goldenTotal()).isGreaterThanOrEqualTo(r.goldenCount());
        assertThat(report.text()).contains("golden customers: " + r.goldenCount());
        assertThat(crm.queryForList("SELECT page FROM backfill_checkpoint WHERE run_id = ? ORDER BY page",
                Integer.class, report.runId())).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theDryRunAndTheBackfillOfTheSameFileGiveTheSameClusters() throws IOException {
        Path file = DIR.resolve("generated-" + tag + ".csv");
        SyntheticCsv.write(file, 2_000, 17, "g" + tag + "-");
        Path mapping = mapping(system);
        DryRun.Summary dry = new DryRun(MappingEngine.load("file:" + mapping.toAbsolutePath()),
                MatchRules.fromClasspath(), CustomerNormalizer.fromClasspath("CN"), 500).run(file, DIR.resolve("dry-" + tag));

        BackfillReport report = backfill.run(new BackfillRequest("file", null, null, null, 0, 500, 0, false,
                file.toString(), mapping.toString()), BackfillObserver.NONE);

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.applied() + report.rejected()).isEqualTo(2_000);
        assertThat(report.rejected()).isEqualTo(dry.rejected());
        Map<String, String> truth = new HashMap<>();
        csv(file).forEach(r -> truth.put(r.get("id"), r.get("entity")));
        Map<String, String> dryClusters = new HashMap<>();
        csv(DIR.resolve("dry-" + tag + "/golden.csv")).forEach(r -> dryClusters.put(r.get("record_id"),
                r.get("golden_id")));
        Map<String, String> backfilled = new LinkedHashMap<>();
        crm.query("SELECT source_key, golden_id::text FROM identity_link WHERE source_system = ?",
                rs -> { backfilled.put(rs.getString(1), rs.getString(2)); }, system);
        assertThat(backfilled.keySet()).isEqualTo(dryClusters.keySet());

        double dryF1 = Clusterings.bcubedF1(dryClusters, truth);
        double backfillF1 = Clusterings.bcubedF1(backfilled, truth);
        double agreement = Clusterings.bcubedF1(backfilled, dryClusters);
        System.out.printf("BackfillFileIT: B-cubed F1 dry run %.4f, backfill %.4f, backfill vs dry run %.4f;"
                + " clusters %d / %d%n", dryF1, backfillF1, agreement, dry.goldens(),
                report.reconciliation().goldenCount());
        // One engine (BatchResolver), the same pages of 500 lines: the dry run over memory, the backfill over the store
        // decide the same record into the same golden customer (their ids differ: the store's are random)
        assertThat(groups(dryClusters)).as("the same clusters").isEqualTo(groups(backfilled));
        // (the scores are sums over maps iterated in an order that depends on the golden ids: equal to the last bits)
        assertThat(agreement).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(backfillF1).isCloseTo(dryF1, org.assertj.core.api.Assertions.within(1e-9));
    }

    /** The records of each golden customer, as a set of sets (which ids the golden customers have does not matter). */
    private static java.util.Set<java.util.Set<String>> groups(Map<String, String> goldenOf) {
        Map<String, java.util.Set<String>> members = new HashMap<>();
        goldenOf.forEach((record, golden) -> members.computeIfAbsent(golden, g -> new java.util.HashSet<>()).add(record));
        return new java.util.HashSet<>(members.values());
    }

    /** The dry run's mapping, its source renamed to this test's system. */
    private Path mapping(String sourceSystem) throws IOException {
        Path mapping = DIR.resolve("mapping-" + tag + ".yaml");
        Files.writeString(mapping, Files.readString(Path.of("mappings/dry-run/customers.yaml"))
                .replace("id: dry-run-customers", "id: " + sourceSystem + "-customers")
                .replace("system: dry-run", "system: " + sourceSystem));
        return mapping;
    }

    private long erpCustomer(String kind, String name, String mobile, String email, String taxId) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_no", "LIVE-" + tag + "-" + erpIds.size());
        row.put("kind", kind);
        row.put("name", name);
        row.put("mobile", mobile);
        row.put("email", email);
        row.put("tax_id", taxId);
        row.put("status", "ACTIVE");
        long id = erp.insert("customers", row);
        erpIds.add(id);
        return id;
    }

    private void awaitLinked(long erpId) {
        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM identity_link"
                + " WHERE source_system = 'erp' AND source_entity = 'customers' AND source_key = ?", Long.class,
                String.valueOf(erpId)) == 1);
    }

    private UUID golden(String sourceSystem, String key) {
        return crm.queryForObject("SELECT golden_id FROM identity_link WHERE source_system = ?"
                + " AND source_entity = 'customers' AND source_key = ?", UUID.class, sourceSystem, key);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
