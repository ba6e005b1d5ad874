package io.crmhub.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
        originalsPerGolden.values().stream().filter(s -> s.size() > 1).limit(20)
                .forEach(members -> System.out.println("[identity-quality] " + agreement(crm, members)));
        Long goldens = crm.queryForObject("SELECT count(*) FROM golden_customer WHERE status = 'ACTIVE'", Long.class);
        return new IdentityQuality(goldens == null ? 0 : goldens, goldenOf.size(), planted, found, overMerged);
    }

    /**
     * For a golden customer holding several generated originals: how its members were linked (rule, score) and which
     * canonical fields the first two originals share (field names only, never values: whether a wrong merge is the
     * generator's collision, e.g. one company name in one city, or the matcher's mistake).
     */
    private static String agreement(JdbcTemplate crm, Set<Long> members) {
        List<Long> two = members.stream().sorted().limit(2).toList();
        List<Map<String, Object>> rows = crm.queryForList("SELECT c.payload::text AS payload, l.rule, l.score, "
                + "l.explanation::text AS explanation "
                + "FROM customer_record c JOIN identity_link l USING (source_system, source_entity, source_key) "
                + "WHERE c.source_system = 'erp' AND c.source_entity = 'customers' AND c.source_key IN (?, ?) "
                + "ORDER BY c.source_key", String.valueOf(two.get(0)), String.valueOf(two.get(1)));
        if (rows.size() < 2) {
            return members.size() + " originals (records not found)";
        }
        try {
            var mapper = io.crmhub.canonical.CanonicalJson.mapper();
            var a = mapper.readTree((String) rows.get(0).get("payload"));
            var b = mapper.readTree((String) rows.get(1).get("payload"));
            List<String> same = new java.util.ArrayList<>();
            List<String> differ = new java.util.ArrayList<>();
            for (String field : List.of("kind", "name", "contactName", "emails", "phones", "addresses", "taxId")) {
                boolean present = a.hasNonNull(field) && b.hasNonNull(field);
                if (present) {
                    (a.get(field).equals(b.get(field)) ? same : differ).add(field);
                }
            }
            // the scored link's field levels and weights (the explanation holds no values)
            Object explanation = "score".equals(rows.get(1).get("rule")) ? rows.get(1).get("explanation")
                    : rows.get(0).get("explanation");
            return String.format("%d originals; links %s/%s %s/%s; same %s; differ %s; explanation %s",
                    members.size(), rows.get(0).get("rule"), rows.get(0).get("score"), rows.get(1).get("rule"),
                    rows.get(1).get("score"), same, differ, explanation);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return members.size() + " originals (payload not JSON)";
        }
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
