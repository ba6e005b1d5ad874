package io.crmhub.it;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the CRM store holds compared with the ERP it captured, after the hub has drained: rows lost or invented,
 * changes logged twice, customer records without a golden customer, duplicates not merged, and the KPI payment
 * facts against SQL over the ERP's receipts. Shared by the kill and chaos tests; each figure must be 0.
 *
 * @param changes     ERP changes committed
 * @param lost        ERP rows (customers, orders, order lines, payments) missing from the store or stored with
 *                    other keys, stored rows the ERP deleted that are still live, plus changes never logged
 * @param duplicated  change_log rows beyond the first for one source position
 * @param unlinked    live customer records without an identity link, or linked to a golden that is not active
 * @param extraGoldens golden customers beyond the real customers written (a fault-free run on this data has none)
 * @param split       groups of one real customer spread over more than one golden customer
 * @param kpiDiff     |payment facts − ERP receipts| in count plus |sum of facts − sum of receipts|
 * @param deadLetters dead letters recorded (the stream has no bad rows)
 */
public record StoreAudit(long changes, long lost, long duplicated, long unlinked, long extraGoldens, long split,
                         BigDecimal kpiDiff, long deadLetters) {

    private static final Map<String, String> TABLES = Map.of("customers", "customer_record",
            "sales_orders", "order_record", "sales_order_lines", "order_line_record",
            "payment_receipts", "payment_record");

    /** True once the store has logged every committed change and linked every ERP customer. */
    public static boolean drained(JdbcTemplate erp, JdbcTemplate crm, long changes) {
        return count(crm, "SELECT count(*) FROM change_log WHERE source_system = 'erp'") >= changes
                && count(crm, "SELECT count(*) FROM identity_link WHERE source_system = 'erp'")
                >= count(erp, "SELECT count(*) FROM customers");
    }

    public static StoreAudit of(JdbcTemplate erp, JdbcTemplate crm, ErpChangeStream stream) {
        long lost = 0;
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            Set<String> source = new HashSet<>(erp.queryForList("SELECT id::text FROM " + table.getKey(), String.class));
            Set<String> stored = new HashSet<>(crm.queryForList("SELECT source_key FROM " + table.getValue()
                    + " WHERE source_system = 'erp' AND deleted_at IS NULL", String.class));
            Set<String> missing = new HashSet<>(source);
            missing.removeAll(stored);
            stored.removeAll(source);
            lost += missing.size() + stored.size();
        }
        long logged = count(crm, "SELECT count(*) FROM (SELECT DISTINCT source_entity, source_key, source_sequence "
                + "FROM change_log WHERE source_system = 'erp') d");
        lost += Math.max(0, stream.changes() - logged);
        long duplicated = count(crm, "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM change_log "
                + "GROUP BY source_system, source_entity, source_key, source_sequence HAVING count(*) > 1) d");
        long unlinked = count(crm, """
                SELECT count(*) FROM customer_record r WHERE r.source_system = 'erp' AND r.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM identity_link l JOIN golden_customer g USING (golden_id)
                    WHERE g.status = 'ACTIVE' AND l.source_system = r.source_system
                      AND l.source_entity = r.source_entity AND l.source_key = r.source_key)
                """);
        long goldens = count(crm, "SELECT count(DISTINCT golden_id) FROM identity_link WHERE source_system = 'erp'");
        // one statement for all groups: a query per group scanned customer_record once each, hours at 100,000 changes
        List<String> numbers = new java.util.ArrayList<>();
        List<Integer> groups = new java.util.ArrayList<>();
        List<List<String>> duplicateGroups = stream.duplicateGroups();
        for (int g = 0; g < duplicateGroups.size(); g++) {
            for (String number : duplicateGroups.get(g)) {
                numbers.add(number);
                groups.add(g);
            }
        }
        long split = crm.queryForObject("""
                SELECT count(*) FROM (SELECT g.grp, count(DISTINCT l.golden_id) AS goldens
                  FROM unnest(?::text[], ?::int[]) AS g(number, grp)
                  LEFT JOIN customer_record r ON r.source_system = 'erp' AND r.number = g.number
                  LEFT JOIN identity_link l ON l.source_system = r.source_system
                    AND l.source_entity = r.source_entity AND l.source_key = r.source_key
                  GROUP BY g.grp) d WHERE goldens <> 1
                """, Long.class, numbers.toArray(String[]::new), groups.toArray(Integer[]::new));
        Map<String, Object> receipts = erp.queryForMap(
                "SELECT count(*) AS n, coalesce(sum(amount::numeric), 0) AS total FROM payment_receipts");
        Map<String, Object> facts = crm.queryForMap("SELECT count(*) AS n, coalesce(sum(amount), 0) AS total "
                + "FROM kpi_fact WHERE source_system = 'erp' AND entity = 'payment' AND kind = 'PAYMENT'");
        BigDecimal kpiDiff = BigDecimal.valueOf(Math.abs(((Number) receipts.get("n")).longValue()
                        - ((Number) facts.get("n")).longValue()))
                .add(((BigDecimal) receipts.get("total")).subtract((BigDecimal) facts.get("total")).abs());
        return new StoreAudit(stream.changes(), lost, duplicated, unlinked,
                Math.max(0, goldens - stream.realCustomers()), split, kpiDiff,
                count(crm, "SELECT count(*) FROM dead_letter"));
    }

    /** The same audit with what other sources lost or left unlinked added (e.g. shop files and OA pages). */
    public StoreAudit plus(long moreLost, long moreUnlinked) {
        return new StoreAudit(changes, lost + moreLost, duplicated, unlinked + moreUnlinked, extraGoldens, split,
                kpiDiff, deadLetters);
    }

    /** {@code RESULT chaos scenario=… changes=… lost=… duplicated=… unlinked=… kpi_diff=…} and the rest. */
    public String result(String scenario) {
        return "RESULT chaos scenario=%s changes=%d lost=%d duplicated=%d unlinked=%d kpi_diff=%s extra_goldens=%d "
                .formatted(scenario, changes, lost, duplicated, unlinked, kpiDiff.stripTrailingZeros().toPlainString(),
                        extraGoldens) + "split_customers=%d dead_letters=%d".formatted(split, deadLetters);
    }

    public boolean clean() {
        return lost == 0 && duplicated == 0 && unlinked == 0 && extraGoldens == 0 && split == 0
                && kpiDiff.signum() == 0 && deadLetters == 0;
    }

    static long count(JdbcTemplate jdbc, String sql) {
        try {
            return jdbc.queryForObject(sql, Long.class);
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return 0; // the store's schema is not migrated until the first hub has started
        }
    }
}
