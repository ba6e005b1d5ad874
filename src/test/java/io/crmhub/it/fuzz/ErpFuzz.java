package io.crmhub.it.fuzz;

import static org.awaitility.Awaitility.await;

import io.crmhub.it.ErpDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile column values typed into the ERP's tables, captured by the live CDC route: every row the ERP accepted
 * ends up either in the store or in {@code dead_letter} with a specific, PII-free reason; every well-formed row
 * among them (one in five) is stored.
 */
final class ErpFuzz {

    private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("fuzz.erp-timeout-s", 120));
    /** The ERP's column widths: a longer value is the ERP's own refusal, not the hub's case. */
    private static final Map<String, Integer> WIDTH = Map.ofEntries(Map.entry("customer_no", 32),
            Map.entry("kind", 1), Map.entry("name", 200), Map.entry("contact_name", 100), Map.entry("phone", 64),
            Map.entry("mobile", 64), Map.entry("email", 200), Map.entry("tax_id", 32), Map.entry("industry", 100),
            Map.entry("country", 2), Map.entry("province", 50), Map.entry("city", 50), Map.entry("address", 300),
            Map.entry("postal_code", 16), Map.entry("owner", 100), Map.entry("status", 20),
            Map.entry("receipt_no", 32), Map.entry("amount", 32), Map.entry("currency", 8), Map.entry("paid_at", 32),
            Map.entry("method", 20));
    private static final Set<String> PERSONAL = Set.of("name", "contact_name", "phone", "mobile", "email",
            "address", "owner");

    private record Row(String table, long id, boolean wellFormed, List<String> personal) {}

    private ErpFuzz() {}

    static void run(FuzzCampaign fuzz, ErpDatabase erp, JdbcTemplate crm, String run) {
        long customer = erp.insert("customers", customer(run + "-0", "Fuzz Anchor Co., Ltd."));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; rows.size() < FuzzCampaign.CASES; i++) {
            boolean wellFormed = i % 5 == 0;
            boolean payment = fuzz.random().nextInt(3) == 0;
            Map<String, Object> row = payment ? payment(run + "-" + i, customer) : customer(run + "-" + i, "Fuzz " + i);
            List<String> personal = new ArrayList<>();
            if (!wellFormed) {
                for (String column : List.copyOf(row.keySet())) {
                    if (column.equals("customer_id") || fuzz.random().nextInt(3) != 0) {
                        continue;
                    }
                    String value = fuzz.next(Hostile.textOrNull());
                    value = value == null ? null : fit(value.replace('\u0000', '\u0001'), WIDTH.get(column));
                    row.put(column, value);
                    if (PERSONAL.contains(column) && value != null) {
                        personal.add(value);
                    }
                }
            }
            String table = payment ? "payment_receipts" : "customers";
            try {
                rows.add(new Row(table, erp.insert(table, row), wellFormed, personal));
                fuzz.countCase();
            } catch (DataAccessException refusedByTheErp) {
                // NOT NULL, a duplicate number, a value the ERP's own types refuse: never reaches the hub
            }
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> outcomes(crm, rows).size() == rows.size());
        Map<String, String> outcomes = outcomes(crm, rows);
        for (Row row : rows) {
            String outcome = outcomes.get(row.table() + ":" + row.id());
            String context = row.table() + " row " + row.id();
            if (outcome == null) {
                fuzz.unexplained(context + ": neither stored nor dead-lettered (lost)");
            } else if (row.wellFormed() && !outcome.equals("stored")) {
                fuzz.unexplained(context + ": a well-formed row was refused: " + outcome);
            } else if (!outcome.equals("stored")) {
                fuzz.countRefused();
                fuzz.explained(outcome, row.personal(), context);
            }
        }
    }

    /** "stored", or the dead letter's reason, per table:id that has an outcome yet. */
    private static Map<String, String> outcomes(JdbcTemplate crm, List<Row> rows) {
        Map<String, Set<String>> keys = new HashMap<>();
        rows.forEach(r -> keys.computeIfAbsent(r.table(), t -> new TreeSet<>()).add(String.valueOf(r.id())));
        Map<String, String> out = new HashMap<>();
        keys.forEach((table, ids) -> {
            String[] array = ids.toArray(String[]::new);
            String store = table.equals("customers") ? "customer_record" : "payment_record";
            crm.query("SELECT source_key FROM " + store + " WHERE source_system = 'erp' AND source_entity = ? "
                    + "AND source_key = ANY (?)", rs -> {
                        out.put(table + ":" + rs.getString(1), "stored");
                    }, table, array);
            crm.query("SELECT source_key, reason FROM dead_letter WHERE source_system = 'erp' AND source_entity = ? "
                    + "AND source_key = ANY (?)", rs -> {
                        out.putIfAbsent(table + ":" + rs.getString(1), String.valueOf(rs.getString(2)));
                    }, table, array);
        });
        return out;
    }

    private static String fit(String value, Integer width) {
        return width == null || value.codePointCount(0, value.length()) <= width ? value
                : value.substring(0, value.offsetByCodePoints(0, width));
    }

    static Map<String, Object> customer(String number, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_no", "FZ" + number);
        row.put("kind", "C");
        row.put("name", name);
        row.put("email", "fuzz." + number + "@example.com");
        row.put("country", "CN");
        row.put("city", "杭州");
        row.put("status", "PROSPECT");
        return row;
    }

    private static Map<String, Object> payment(String number, long customer) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("receipt_no", "FZR" + number);
        row.put("customer_id", customer);
        row.put("amount", "1,234.50");
        row.put("currency", "CNY");
        row.put("paid_at", "2024-06-04 13:00");
        row.put("method", "BANK");
        return row;
    }
}
