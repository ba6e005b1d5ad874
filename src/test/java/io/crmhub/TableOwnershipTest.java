package io.crmhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table of the Flyway migrations has one owning package (docs/architecture.md, "Who owns which table"); SQL
 * that names a table, in a string literal or text block of the product code, sits in its owner or in one of the
 * documented readers (joins onto a published read model). A table written out anywhere else (a second entity → table
 * map, a package's own dead-letter query) fails here with the file and the table: call the owner's API instead, or
 * add the reader to the doc and to this list with the reason.
 */
class TableOwnershipTest {

    private static final Path MAIN = Path.of("src/main/java/io/crmhub");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path DOC = Path.of("docs/architecture.md");

    private static final List<String> RECORDS = List.of("customer_record", "order_record", "order_line_record",
            "payment_record", "interaction_record", "shipment_record", "change_log");
    private static final List<String> IDENTITY = List.of("golden_customer", "identity_link", "identity_key",
            "identity_key_count", "identity_key_count_delta", "identity_constraint", "identity_decision",
            "identity_decision_pending", "identity_review", "order_golden",
            "payment_golden", "interaction_golden");
    private static final List<String> KPI = List.of("kpi_fact", "kpi_lifecycle", "kpi_currency_rate", "kpi_setting",
            "kpi_day", "kpi_golden_day", "kpi_period", "kpi_lead", "kpi_customer", "kpi_customer_log", "kpi_dirty",
            "kpi_dirty_tx");

    /** Table → its owning package (a folder under io/crmhub) and the files that may read it (paths below io/crmhub). */
    private static final Map<String, Owner> OWNERS = new LinkedHashMap<>();

    static {
        RECORDS.forEach(t -> OWNERS.put(t, new Owner("store")));
        // identity and partner join onto the customer records' published read model (one query, not an API call)
        OWNERS.put("customer_record", new Owner("store", "identity/resolve/IdentityBatchRepository.java",
                "identity/resolve/IdentityRepository.java", "identity/resolve/IdentityQueries.java",
                "identity/resolve/IdentityCatchUp.java", "identity/resolve/IdentityCounts.java",
                "partner/GoldenReads.java", "partner/PartnerRecords.java",
                // demo data (workbench): picks an ERP customer's contact for a shop registration
                "simulator/ShopSimulator.java"));
        IDENTITY.forEach(t -> OWNERS.put(t, new Owner("identity/resolve")));
        List<String> goldenReaders = List.of("kpi/KpiService.java", "partner/CustomerActivity.java",
                "partner/CustomerSearch.java", "partner/GoldenCustomers.java", "partner/GoldenReads.java",
                "identity/eval/CopyStore.java", "identity/eval/EvaluationCommand.java");
        OWNERS.put("golden_customer", new Owner("identity/resolve", goldenReaders.toArray(String[]::new)));
        OWNERS.put("identity_link", new Owner("identity/resolve", "partner/GoldenReads.java",
                "partner/PartnerRecords.java", "identity/eval/CopyStore.java", "identity/eval/EvaluationCommand.java"));
        for (String view : List.of("order_golden", "payment_golden", "interaction_golden")) {
            OWNERS.put(view, new Owner("identity/resolve", "partner/CustomerActivity.java"));
        }
        KPI.forEach(t -> OWNERS.put(t, new Owner("kpi")));
        OWNERS.put("dead_letter", new Owner("ops/deadletter"));
        OWNERS.put("backfill_run", new Owner("ops/backfill"));
        OWNERS.put("backfill_checkpoint", new Owner("ops/backfill"));
        // RetentionPurge's "shop_file" is the tag of its counter of deleted inbox files, not the ledger table
        OWNERS.put("shop_file", new Owner("connector/shop", "ops/retention/RetentionPurge.java"));
        OWNERS.put("oa_watermark", new Owner("connector/oa"));
        OWNERS.put("partner_customer", new Owner("partner"));
    }

    /** Text blocks, string literals, character literals and comments, so that only the literals are looked at. */
    private static final Pattern TOKENS = Pattern.compile(
            "\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|'(?:[^'\\\\]|\\\\.)*'|//[^\\n]*|/\\*.*?\\*/",
            Pattern.DOTALL);
    private static final Pattern CREATE = Pattern.compile(
            "CREATE\\s+(?:UNLOGGED\\s+)?(?:TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_]+)", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableOfTheMigrationsHasAnOwnerHereAndItsRowInTheDoc() throws IOException {
        Set<String> tables = migrationTables();
        String doc = Files.readString(DOC);

        assertThat(tables).hasSizeGreaterThan(20);
        assertThat(OWNERS.keySet()).as("tables with an owner in this test").containsAll(tables);
        assertThat(tables).as("tables of the migrations").containsAll(OWNERS.keySet());
        for (String table : tables) {
            assertThat(doc).as("docs/architecture.md row of " + table).contains("| `" + table + "` |");
        }
    }

    @Test
    void sqlNamingATableSitsInItsOwnerOrADocumentedReader() throws IOException {
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String path = MAIN.relativize(file).toString().replace('\\', '/');
                String literals = literals(Files.readString(file));
                OWNERS.forEach((table, owner) -> {
                    if (!owner.allows(path) && Pattern.compile("\\b" + table + "\\b").matcher(literals).find()) {
                        strays.add(path + ": " + table + " (owner: io.crmhub." + owner.pkg().replace('/', '.') + ")");
                    }
                });
            }
        }
        assertThat(strays).as("SQL naming a table outside its owner and its documented readers").isEmpty();
    }

    @Test
    void theScanSeesLiteralsAndTextBlocksButNotComments() {
        String source = """
                /** Reads the dead_letter table. */
                class X { // dead_letter
                    String a = "SELECT 1 FROM change_log";
                    String b = \"""
                        DELETE FROM dead_letter
                        \""";
                    char c = '"';
                    String d = "customer_record";
                }
                """;

        String literals = literals(source);

        assertThat(literals).contains("change_log", "DELETE FROM dead_letter", "customer_record");
        assertThat(literals).doesNotContain("Reads the");
    }

    private static Set<String> migrationTables() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE.matcher(Files.readString(file));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }

    private static String literals(String source) {
        StringBuilder out = new StringBuilder();
        Matcher m = TOKENS.matcher(source);
        while (m.find()) {
            String text = m.group(1) != null ? m.group(1) : m.group(2);
            if (text != null) {
                out.append(text).append('\n');
            }
        }
        return out.toString();
    }

    private record Owner(String pkg, Set<String> readers) {

        Owner(String pkg, String... readers) {
            this(pkg, Set.of(readers));
        }

        boolean allows(String path) {
            return path.startsWith(pkg + "/") && path.indexOf('/', pkg.length() + 1) < 0 || readers.contains(path);
        }
    }
}
