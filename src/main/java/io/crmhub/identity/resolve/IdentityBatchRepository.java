package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.golden.GoldenRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of batch resolution: every step is one statement for the whole batch (records passed as arrays and
 * unnested), so the round trips of a batch do not grow with its size. Runs in the caller's transaction.
 */
@Repository
class IdentityBatchRepository {

    private static final String REFS = "unnest(CAST(:s AS text[]), CAST(:e AS text[]), CAST(:k AS text[])) AS r(s, e, k)";
    private static final String COLUMNS = """
            c.source_system, c.source_entity, c.source_key, l.golden_id, l.rule, c.payload,
            c.deleted_at IS NOT NULL AS deleted, c.source_position, c.source_sequence, c.mapping_version, c.occurred_at
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final RecordCache cache;

    IdentityBatchRepository(NamedParameterJdbcTemplate jdbc, RecordCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** The stored records (linked or not yet), by reference. */
    Map<EntityRef, LinkedRecord> records(Collection<EntityRef> refs) {
        Map<EntityRef, LinkedRecord> found = new HashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM " + REFS + """
                 JOIN customer_record c ON c.source_system = r.s AND c.source_entity = r.e AND c.source_key = r.k
                LEFT JOIN identity_link l USING (source_system, source_entity, source_key)
                """, refs(refs), rs -> {
                    LinkedRecord record = IdentityRepository.linkedRecord(rs, cache);
                    found.put(record.ref(), record);
                });
        return found;
    }

    Map<EntityRef, Set<String>> keysOf(Collection<EntityRef> refs) {
        Map<EntityRef, Set<String>> keys = new HashMap<>();
        jdbc.query("SELECT i.source_system, i.source_entity, i.source_key, i.key FROM " + REFS
                + " JOIN identity_key i ON i.source_system = r.s AND i.source_entity = r.e AND i.source_key = r.k",
                refs(refs), rs -> {
                    keys.computeIfAbsent(new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3)),
                            x -> new LinkedHashSet<>()).add(rs.getString(4));
                });
        return keys;
    }

    /**
     * Every record's keys become exactly {@code keys} (records missing from the map keep none). Only the difference
     * is written: an update that leaves a record's keys as they were (its owner or status changed) writes none.
     */
    void replaceKeys(Map<EntityRef, Set<String>> old, Map<EntityRef, Set<String>> keys, Collection<EntityRef> refs) {
        List<String> goneKeys = new ArrayList<>();
        List<EntityRef> goneOwners = new ArrayList<>();
        List<String> newKeys = new ArrayList<>();
        List<EntityRef> newOwners = new ArrayList<>();
        for (EntityRef ref : refs) {
            Set<String> before = old.getOrDefault(ref, Set.of());
            Set<String> after = keys.getOrDefault(ref, Set.of());
            before.stream().filter(k -> !after.contains(k)).forEach(k -> {
                goneKeys.add(k);
                goneOwners.add(ref);
            });
            after.stream().filter(k -> !before.contains(k)).forEach(k -> {
                newKeys.add(k);
                newOwners.add(ref);
            });
        }
        if (!goneKeys.isEmpty()) {
            jdbc.update("""
                    DELETE FROM identity_key i USING unnest(CAST(:key AS text[]), CAST(:s AS text[]),
                        CAST(:e AS text[]), CAST(:k AS text[])) AS r(key, s, e, k)
                    WHERE i.key = r.key AND i.source_system = r.s AND i.source_entity = r.e AND i.source_key = r.k
                    """, refs(goneOwners).addValue("key", goneKeys.toArray(String[]::new)));
        }
        if (!newKeys.isEmpty()) {
            jdbc.update("""
                    INSERT INTO identity_key (key, source_system, source_entity, source_key)
                    SELECT * FROM unnest(CAST(:key AS text[]), CAST(:s AS text[]), CAST(:e AS text[]),
                        CAST(:k AS text[])) ON CONFLICT DO NOTHING
                    """, refs(newOwners).addValue("key", newKeys.toArray(String[]::new)));
        }
    }

    /**
     * Live linked records carrying any of the keys, by key. A record sharing several keys with the batch (a copy
     * shares phone, e-mail, name and address with its original) is read once, with the keys it shares.
     */
    Map<String, List<LinkedRecord>> candidates(Collection<String> keys) {
        Map<String, List<LinkedRecord>> byKey = new HashMap<>();
        if (keys.isEmpty()) {
            return byKey;
        }
        jdbc.query("WITH hits AS (SELECT source_system, source_entity, source_key, array_agg(key) AS keys "
                + "FROM identity_key WHERE key = ANY(CAST(:keys AS text[])) GROUP BY 1, 2, 3) "
                + "SELECT h.keys, " + COLUMNS + """
                FROM hits h
                JOIN identity_link l USING (source_system, source_entity, source_key)
                JOIN customer_record c USING (source_system, source_entity, source_key)
                WHERE c.deleted_at IS NULL
                """, new MapSqlParameterSource("keys", keys.toArray(String[]::new)), rs -> {
                    LinkedRecord record = IdentityRepository.linkedRecord(rs, cache);
                    for (String key : (String[]) rs.getArray("keys").getArray()) {
                        byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(record);
                    }
                });
        return byKey;
    }

    /** Members of each golden customer, in link order (as {@link IdentityRepository#members}). */
    Map<UUID, List<LinkedRecord>> members(Collection<UUID> goldens) {
        Map<UUID, List<LinkedRecord>> members = new LinkedHashMap<>();
        if (goldens.isEmpty()) {
            return members;
        }
        jdbc.query("SELECT " + COLUMNS + """
                FROM identity_link l JOIN customer_record c USING (source_system, source_entity, source_key)
                WHERE l.golden_id = ANY(CAST(:ids AS uuid[]))
                ORDER BY l.linked_at, l.source_system, l.source_entity, l.source_key
                """, new MapSqlParameterSource("ids", goldens.toArray(UUID[]::new)), rs -> {
                    LinkedRecord member = IdentityRepository.linkedRecord(rs, cache);
                    members.computeIfAbsent(member.goldenId(), x -> new ArrayList<>()).add(member);
                });
        return members;
    }

    /** Pairs a person decided must stay apart, for every record given (both directions). */
    Map<EntityRef, Set<EntityRef>> cannotLinks(Collection<EntityRef> refs) {
        Map<EntityRef, Set<EntityRef>> apart = new HashMap<>();
        jdbc.query("SELECT left_system, left_entity, left_key, right_system, right_entity, right_key FROM " + REFS
                + """
                 JOIN identity_constraint x ON (x.left_system = r.s AND x.left_entity = r.e AND x.left_key = r.k)
                    OR (x.right_system = r.s AND x.right_entity = r.e AND x.right_key = r.k)
                """, refs(refs), rs -> {
                    EntityRef left = new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3));
                    EntityRef right = new EntityRef(rs.getString(4), rs.getString(5), rs.getString(6));
                    apart.computeIfAbsent(left, x -> new LinkedHashSet<>()).add(right);
                    apart.computeIfAbsent(right, x -> new LinkedHashSet<>()).add(left);
                });
        return apart;
    }

    /** New golden customers, one statement per batch. */
    void insertGoldens(Map<UUID, GoldenRecord> goldens, Map<UUID, Integer> memberCounts) {
        MapSqlParameterSource[] rowsToInsert = goldens.entrySet().stream()
                .map(g -> GoldenRepository.values(g.getKey(), g.getValue(), memberCounts.get(g.getKey()),
                        GoldenRecords.ACTIVE)).toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate(GoldenRepository.INSERT, rowsToInsert);
    }

    void updateGoldens(List<MapSqlParameterSource> updates) {
        jdbc.batchUpdate(GoldenRepository.UPDATE, updates.toArray(MapSqlParameterSource[]::new));
    }

    void upsertLinks(Map<EntityRef, Map.Entry<UUID, Link>> links) {
        MapSqlParameterSource[] params = links.entrySet().stream()
                .map(l -> IdentityRepository.linkValues(l.getKey(), l.getValue().getKey(), l.getValue().getValue()))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate(IdentityRepository.UPSERT_LINK, params);
    }

    private static MapSqlParameterSource refs(Collection<EntityRef> refs) {
        return new MapSqlParameterSource("s", refs.stream().map(EntityRef::system).toArray(String[]::new))
                .addValue("e", refs.stream().map(EntityRef::entity).toArray(String[]::new))
                .addValue("k", refs.stream().map(EntityRef::key).toArray(String[]::new));
    }
}
