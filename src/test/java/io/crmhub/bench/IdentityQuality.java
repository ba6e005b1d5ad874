package io.crmhub.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sanity number for the benchmark's data, not an evaluation (docs/identity-evaluation.md is that): how many of
 * the planted re-typed copies ended up in the same golden customer as the customer they copy, and how many golden
 * customers hold two or more customers the load generated as different (namesakes in the hot tower can be
 * merged wrongly; a faster hub must not buy speed with either number).
 *
 * @param goldens       active golden customers in the store
 * @param linked        ERP customer records linked to a golden customer
 * @param planted       planted copy → original pairs whose both records are linked
 * @param found         of those, pairs in the same golden customer
 * @param overMerged    golden customers holding more than one generated original
 */
record IdentityQuality(long goldens, long linked, long planted, long found, long overMerged) {

    static IdentityQuality measure(JdbcTemplate crm, Map<Long, Long> copies) {
        Map<Long, String> goldenOf = new HashMap<>();
        crm.query("SELECT source_key, golden_id::text FROM identity_link WHERE source_system = 'erp' "
                + "AND source_entity = 'customers'", rs -> {
                    String key = rs.getString(1);
                    if (key.matches("\\d{1,18}")) {
                        goldenOf.put(Long.parseLong(key), rs.getString(2));
                    }
                });
        long planted = 0;
        long found = 0;
        for (Map.Entry<Long, Long> pair : copies.entrySet()) {
            String copy = goldenOf.get(pair.getKey());
            String original = goldenOf.get(pair.getValue());
            if (copy != null && original != null) {
                planted++;
                found += copy.equals(original) ? 1 : 0;
            }
        }
        // every linked record that is not a copy is an original (the simulator's seed customers too)
        Map<String, Set<Long>> originalsPerGolden = new HashMap<>();
        goldenOf.forEach((id, golden) -> {
            if (!copies.containsKey(id)) {
                originalsPerGolden.computeIfAbsent(golden, g -> new HashSet<>()).add(id);
            }
        });
        long overMerged = originalsPerGolden.values().stream().filter(s -> s.size() > 1).count();
        Long goldens = crm.queryForObject("SELECT count(*) FROM golden_customer WHERE status = 'ACTIVE'", Long.class);
        return new IdentityQuality(goldens == null ? 0 : goldens, goldenOf.size(), planted, found, overMerged);
    }

    String pairs() {
        return found + "/" + planted;
    }

    @Override
    public String toString() {
        return String.format("%,d golden customers for %,d linked ERP customer records; planted duplicates linked "
                + "together %,d / %,d (%.1f %%); golden customers holding 2+ distinct generated customers: %,d",
                goldens, linked, found, planted, planted == 0 ? 0.0 : 100.0 * found / planted, overMerged);
    }
}
