package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.golden.GoldenRecord;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedForms;
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
    /**
     * A record without its payload: the payload of a version already parsed comes from {@link RecordCache}, the
     * others in one more statement ({@link #withCustomers}). Members of busy blocks are read batch after batch; not
     * shipping (and not parsing) their JSON every time is most of what a candidate costs.
     */
    private static final String COLUMNS = """
            c.source_system, c.source_entity, c.source_key, l.golden_id, l.rule,
            c.deleted_at IS NOT NULL AS deleted, c.source_position, c.source_sequence, c.mapping_version, c.occurred_at
            """;

    /*
     * Every lookup below goes through the primary key (or the golden_id index) one row of the batch at a time:
     * "LATERAL (… OFFSET 0)" keeps the planner from turning it into a hash join over the whole table, which it
     * picks when its row estimate for a large array is off — a scan of identity_key or customer_record per batch
     * is exactly the cost that grows with the store.
     */
    private static final String RECORD_OF = """
            CROSS JOIN LATERAL (SELECT c.source_system, c.source_entity, c.source_key, c.deleted_at, c.source_position,
                    c.source_sequence, c.mapping_version, c.occurred_at FROM customer_record c
                WHERE c.source_system = %1$s.source_system AND c.source_entity = %1$s.source_entity
                  AND c.source_key = %1$s.source_key OFFSET 0) c
            """;
    private static final String LINK_OF = """
            (SELECT l.golden_id, l.rule, l.linked_at FROM identity_link l
                WHERE l.source_system = %1$s.source_system AND l.source_entity = %1$s.source_entity
                  AND l.source_key = %1$s.source_key OFFSET 0) l
            """;
    private static final String REFS_AS_COLUMNS =
            "unnest(CAST(:s AS text[]), CAST(:e AS text[]), CAST(:k AS text[])) AS r(source_system, source_entity, source_key)";

    /** A stored record as read without its payload. */
    private record Row(EntityRef ref, UUID golden, String rule, boolean deleted, String position, long sequence,
                       String mappingVersion, java.time.Instant occurredAt, String form) {

        static Row of(java.sql.ResultSet rs) throws java.sql.SQLException {
            return of(rs, null);
        }

        /** With the record's stored normalised form ({@link StoredForms}), null when it has none usable. */
        static Row of(java.sql.ResultSet rs, String form) throws java.sql.SQLException {
            String golden = rs.getString("golden_id");
            return new Row(new EntityRef(rs.getString("source_system"), rs.getString("source_entity"),
                    rs.getString("source_key")), golden == null ? null : UUID.fromString(golden), rs.getString("rule"),
                    rs.getBoolean("deleted"), rs.getString("source_position"), rs.getLong("source_sequence"),
                    rs.getString("mapping_version"), instant(rs.getTimestamp("occurred_at")), form);
        }

        static java.time.Instant instant(java.sql.Timestamp t) {
            return t == null ? null : t.toInstant();
        }

        /*
         * Each row is one result-set row and is looked up only as that object: identity, not the record's value
         * equality, which hashed every field for every candidate — its whole stored form among them, a JSON text of
         * several hundred characters read fresh from the database (~3 % of the apply thread at a million records).
         */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        LinkedRecord with(long version, io.crmhub.canonical.Customer customer) {
            return new LinkedRecord(ref, golden, rule, customer, deleted, position, version, mappingVersion,
                    occurredAt);
        }
    }

    /**
     * The rows as linked records, their customers from the cache where this version was parsed before and read in
     * one statement otherwise (if a row changed since it was read, the newer version is taken whole).
     */
    private Map<Row, LinkedRecord> withCustomers(Collection<Row> rows) {
        Map<Row, LinkedRecord> result = new HashMap<>();
        List<Row> missing = new ArrayList<>();
        for (Row row : rows) {
            io.crmhub.canonical.Customer cached = cache.peek(row.ref(), row.sequence());
            if (cached != null) {
                result.put(row, row.with(row.sequence(), cached));
            } else {
                missing.add(row);
            }
        }
        if (!missing.isEmpty()) {
            Map<EntityRef, Row> byRef = new HashMap<>();
            missing.forEach(r -> byRef.put(r.ref(), r));
            // the record's columns as stored now: a candidate read by its link alone has only the link's
            jdbc.query("SELECT r.source_system, r.source_entity, r.source_key, c.source_sequence, c.payload, "
                    + "c.deleted_at IS NOT NULL AS deleted, c.source_position, c.mapping_version, c.occurred_at FROM "
                    + REFS_AS_COLUMNS + """
                     CROSS JOIN LATERAL (SELECT c.source_sequence, c.payload, c.deleted_at, c.source_position,
                            c.mapping_version, c.occurred_at FROM customer_record c
                        WHERE c.source_system = r.source_system AND c.source_entity = r.source_entity
                          AND c.source_key = r.source_key OFFSET 0) c
                    """, refs(byRef.keySet()), rs -> {
                        EntityRef ref = new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3));
                        long version = rs.getLong(4);
                        String payload = rs.getString(5);
                        Row row = byRef.get(ref);
                        result.put(row, new LinkedRecord(ref, row.golden(), row.rule(),
                                cache.customer(ref, version, () -> IdentityRepository.customer(payload)),
                                rs.getBoolean(6), rs.getString(7), version, rs.getString(8),
                                Row.instant(rs.getTimestamp(9))));
                    });
            missing.stream().filter(r -> !result.containsKey(r)).forEach(r -> result.put(r, r.with(r.sequence(), null)));
        }
        return result;
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RecordCache cache;
    private final StoredForms forms;

    IdentityBatchRepository(NamedParameterJdbcTemplate jdbc, RecordCache cache, StoredForms forms) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.forms = forms;
    }

    /**
     * Candidates by shared key, and the normalised forms of those that were read from the store instead of their
     * payload (their {@link LinkedRecord#customer()} is null: compare them through {@code forms}).
     */
    record Found(Map<String, List<LinkedRecord>> byKey, Map<EntityRef, NormalizedCustomer> forms) {}

    /** The stored records (linked or not yet), by reference. */
    Map<EntityRef, LinkedRecord> records(Collection<EntityRef> refs) {
        List<Row> rows = new ArrayList<>();
        jdbc.query("SELECT " + COLUMNS + " FROM " + REFS_AS_COLUMNS + " " + RECORD_OF.formatted("r")
                + " LEFT JOIN LATERAL " + LINK_OF.formatted("r") + " ON true", refs(refs), rs -> {
                    rows.add(Row.of(rs));
                });
        Map<EntityRef, LinkedRecord> found = new HashMap<>();
        withCustomers(rows).values().forEach(r -> found.put(r.ref(), r));
        return found;
    }

    Map<EntityRef, Set<String>> keysOf(Collection<EntityRef> refs) {
        Map<EntityRef, Set<String>> keys = new HashMap<>();
        jdbc.query("SELECT r.source_system, r.source_entity, r.source_key, i.key FROM " + REFS_AS_COLUMNS + """
                 CROSS JOIN LATERAL (SELECT i.key FROM identity_key i WHERE i.source_system = r.source_system
                    AND i.source_entity = r.source_entity AND i.source_key = r.source_key OFFSET 0) i
                """, refs(refs), rs -> {
                    keys.computeIfAbsent(new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3)),
                            x -> new LinkedHashSet<>()).add(rs.getString(4));
                });
        return keys;
    }

    /**
     * Every record's keys become exactly {@code keys} (records missing from the map keep none), and the store's count
     * of every key the records now carry is returned ({@code identity_keys_replace}, V30: the counts the write leaves,
     * without reading them again; a key no record carries is absent). Only the difference is written: an update that
     * leaves a record's keys as they were (its owner or status changed) writes none.
     */
    Map<String, Long> replaceKeys(Map<EntityRef, Set<String>> old, Map<EntityRef, Set<String>> keys,
                                  Collection<EntityRef> refs) {
        List<Map.Entry<String, EntityRef>> gone = new ArrayList<>();
        List<Map.Entry<String, EntityRef>> added = new ArrayList<>();
        Map<String, Long> diff = new java.util.TreeMap<>();
        Set<String> carried = new LinkedHashSet<>();
        for (EntityRef ref : refs) {
            Set<String> before = old.getOrDefault(ref, Set.of());
            Set<String> after = keys.getOrDefault(ref, Set.of());
            before.stream().filter(k -> !after.contains(k)).forEach(k -> gone.add(Map.entry(k, ref)));
            after.stream().filter(k -> !before.contains(k)).forEach(k -> added.add(Map.entry(k, ref)));
            carried.addAll(after);
        }
        gone.forEach(e -> diff.merge(e.getKey(), -1L, Long::sum));
        added.forEach(e -> diff.merge(e.getKey(), 1L, Long::sum));
        diff.values().removeIf(n -> n == 0); // moved from one record to another: its count stays
        Set<String> unchanged = new LinkedHashSet<>(carried);
        unchanged.removeAll(diff.keySet());
        // in key order (close to the primary key's COLLATE "C" byte order): rows for neighbouring index pages are
        // written one after another instead of jumping across the whole index
        gone.sort(Map.Entry.comparingByKey());
        added.sort(Map.Entry.comparingByKey());
        // The function's insert is a plain one: the rows are the difference from the record's keys as read in this
        // transaction, after the store locked the record's row, so no other batch writes them meanwhile. ON CONFLICT
        // DO NOTHING made every row a speculative insertion (a probe of the primary key before the insert, a second
        // write to confirm it): ~14 % of the batch's largest statement (docs/benchmarks.md). Only an administrative
        // rewrite of the same record's keys at the same moment (IdentityReevaluation, not under the record's lock)
        // could collide; the duplicate then fails the batch, which the store splits and applies again
        // (IsolatingApply), reading the keys anew.
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("""
                SELECT key, records FROM identity_keys_replace(CAST(:goneKey AS text[]), CAST(:goneS AS text[]),
                    CAST(:goneE AS text[]), CAST(:goneK AS text[]), CAST(:newKey AS text[]), CAST(:newS AS text[]),
                    CAST(:newE AS text[]), CAST(:newK AS text[]), CAST(:diffKey AS text[]), CAST(:diffN AS bigint[]),
                    CAST(:also AS text[]))
                """, keyRows(keyRows(new MapSqlParameterSource(), "gone", gone), "new", added)
                        .addValue("diffKey", diff.keySet().toArray(String[]::new))
                        .addValue("diffN", diff.values().toArray(Long[]::new))
                        .addValue("also", unchanged.toArray(String[]::new)),
                rs -> {
                    if (carried.contains(rs.getString(1))) { // not the keys the records left
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                });
        return counts;
    }

    /** Key rows (key, owning record) as the four array parameters {@code <name>Key, <name>S, <name>E, <name>K}. */
    private static MapSqlParameterSource keyRows(MapSqlParameterSource p, String name,
                                                 List<Map.Entry<String, EntityRef>> rows) {
        return p.addValue(name + "Key", rows.stream().map(Map.Entry::getKey).toArray(String[]::new))
                .addValue(name + "S", rows.stream().map(e -> e.getValue().system()).toArray(String[]::new))
                .addValue(name + "E", rows.stream().map(e -> e.getValue().entity()).toArray(String[]::new))
                .addValue(name + "K", rows.stream().map(e -> e.getValue().key()).toArray(String[]::new));
    }

    /**
     * Live linked records carrying any of the keys, by key. A record sharing several keys with the batch (a copy
     * shares phone, e-mail, name and address with its original) is read once, with the keys it shares.
     *
     * @param narrow the keys whose blocks are narrow; a record sharing none of them with the batch and only one of
     *               {@code keys} is not read (the caller keeps, per record, those sharing a narrow key or two keys)
     */
    Found candidates(Collection<String> keys, Collection<String> narrow) {
        Map<String, List<LinkedRecord>> byKey = new HashMap<>();
        Map<EntityRef, NormalizedCustomer> found = new java.util.concurrent.ConcurrentHashMap<>();
        if (keys.isEmpty()) {
            return new Found(byKey, found);
        }
        Map<Row, String[]> hits = new LinkedHashMap<>();
        List<String> keyList = List.copyOf(keys);
        // A link whose form the running normaliser made (match_version = prefix || sequence) stands in for its record
        // without reading it: every change of a customer record rewrites its link's form in the same transaction or
        // clears match_version (BatchResolver), and a deleted record keeps no identity keys, so it is never a hit.
        // Only the other links cost the record's primary-key lookup as well: one lookup per candidate, not two.
        jdbc.query("""
                WITH hits AS (
                    SELECT i.source_system, i.source_entity, i.source_key, array_agg(q.key) AS keys
                    FROM unnest(CAST(:keys AS text[]), CAST(:narrow AS boolean[])) AS q(key, narrow)
                    CROSS JOIN LATERAL (SELECT i.source_system, i.source_entity, i.source_key FROM identity_key i
                        WHERE i.key = q.key OFFSET 0) i
                    GROUP BY 1, 2, 3
                    HAVING count(*) >= 2 OR bool_or(q.narrow))
                SELECT h.keys, CASE WHEN l.formed THEN CAST(l.normalized AS text) END AS form,
                    h.source_system, h.source_entity, h.source_key, l.golden_id, l.rule,
                    coalesce(c.deleted_at IS NOT NULL, false) AS deleted, c.source_position,
                    CASE WHEN l.formed THEN CAST(substr(l.match_version, length(CAST(:prefix AS text)) + 1) AS bigint)
                        ELSE c.source_sequence END AS source_sequence, c.mapping_version, c.occurred_at
                FROM hits h
                CROSS JOIN LATERAL (SELECT l.golden_id, l.rule, l.normalized, l.match_version,
                        coalesce(starts_with(l.match_version, CAST(:prefix AS text)), false) AS formed
                    FROM identity_link l WHERE l.source_system = h.source_system
                      AND l.source_entity = h.source_entity AND l.source_key = h.source_key OFFSET 0) l
                LEFT JOIN LATERAL (SELECT c.deleted_at, c.source_position, c.source_sequence, c.mapping_version,
                        c.occurred_at FROM customer_record c
                    WHERE NOT l.formed AND c.source_system = h.source_system AND c.source_entity = h.source_entity
                      AND c.source_key = h.source_key OFFSET 0) c ON true
                WHERE l.formed OR (c.source_sequence IS NOT NULL AND c.deleted_at IS NULL)
                """,
                new MapSqlParameterSource("keys", keyList.toArray(String[]::new)).addValue("prefix", forms.prefix())
                        .addValue("narrow", keyList.stream().map(narrow::contains).toArray(Boolean[]::new)),
                rs -> {
                    hits.put(Row.of(rs, rs.getString("form")), (String[]) rs.getArray("keys").getArray());
                });
        Map<Row, LinkedRecord> records = new HashMap<>();
        List<Row> unformed = new ArrayList<>();
        List<Row> formed = new ArrayList<>();
        for (Row row : hits.keySet()) {
            NormalizedCustomer known = row.form() == null ? null : cache.normalizedIfKnown(row.ref(), row.sequence());
            if (known != null) {
                found.put(row.ref(), known);
                records.put(row, row.with(row.sequence(), null));
            } else {
                (row.form() == null ? unformed : formed).add(row);
            }
        }
        // reading a form is a small JSON parse, normalising a payload a parse and every normaliser: both cores
        formed.parallelStream().forEach(row -> {
            NormalizedCustomer form = NormalizedForms.read(row.form());
            if (form != null) {
                cache.putNormalized(row.ref(), row.sequence(), form);
                found.put(row.ref(), form);
            }
        });
        formed.stream().filter(row -> !found.containsKey(row.ref())).forEach(unformed::add);
        formed.stream().filter(row -> found.containsKey(row.ref()))
                .forEach(row -> records.put(row, row.with(row.sequence(), null)));
        records.putAll(withCustomers(unformed));
        hits.forEach((row, shared) -> {
            for (String key : shared) {
                byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(records.get(row));
            }
        });
        return new Found(byKey, found);
    }

    /** Members of each golden customer, in link order (as {@link IdentityRepository#members}). */
    Map<UUID, List<LinkedRecord>> members(Collection<UUID> goldens) {
        Map<UUID, List<LinkedRecord>> members = new LinkedHashMap<>();
        if (goldens.isEmpty()) {
            return members;
        }
        List<Row> rows = new ArrayList<>();
        jdbc.query("SELECT " + COLUMNS + """
                FROM unnest(CAST(:ids AS uuid[])) AS g(id)
                CROSS JOIN LATERAL (SELECT l.source_system, l.source_entity, l.source_key, l.golden_id, l.rule,
                        l.linked_at FROM identity_link l WHERE l.golden_id = g.id OFFSET 0) l
                """ + RECORD_OF.formatted("l") + """
                ORDER BY l.linked_at, l.source_system, l.source_entity, l.source_key
                """, new MapSqlParameterSource("ids", goldens.toArray(UUID[]::new)), rs -> {
                    rows.add(Row.of(rs));
                });
        Map<Row, LinkedRecord> records = withCustomers(rows);
        for (Row row : rows) {
            LinkedRecord member = records.get(row);
            members.computeIfAbsent(member.goldenId(), x -> new ArrayList<>()).add(member);
        }
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

    /**
     * New golden customers in one statement over arrays: one prepared statement and plan whatever the batch size (a
     * rewritten multi-row insert was a new statement, planned again, for every row count: 4 ms of planning a batch).
     */
    void insertGoldens(Map<UUID, GoldenRecord> goldens, Map<UUID, Integer> memberCounts) {
        if (goldens.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> rows = goldens.entrySet().stream()
                .map(g -> GoldenRepository.values(g.getKey(), g.getValue(), memberCounts.get(g.getKey()),
                        GoldenRecords.ACTIVE)).toList();
        jdbc.update("""
                INSERT INTO golden_customer (golden_id, status, record, provenance, member_count)
                SELECT v.id, v.status, CAST(v.record AS jsonb), CAST(v.provenance AS json), v.members
                FROM unnest(CAST(:id AS uuid[]), CAST(:status AS text[]), CAST(:record AS text[]),
                    CAST(:provenance AS text[]), CAST(:members AS int[])) AS v(id, status, record, provenance, members)
                """, new MapSqlParameterSource("id", column(rows, "id", UUID[]::new))
                .addValue("status", column(rows, "status", String[]::new))
                .addValue("record", column(rows, "record", String[]::new))
                .addValue("provenance", column(rows, "provenance", String[]::new))
                .addValue("members", column(rows, "members", Integer[]::new)));
    }

    /** Survived golden customers written back, one statement per batch ({@link GoldenRepository#UPDATE} for many). */
    void updateGoldens(List<MapSqlParameterSource> updates) {
        if (updates.isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE golden_customer g SET record = CAST(v.record AS jsonb), provenance = CAST(v.provenance AS json),
                    member_count = v.members, status = v.status, merged_into = NULL, version = g.version + 1,
                    updated_at = clock_timestamp()
                FROM unnest(CAST(:id AS uuid[]), CAST(:status AS text[]), CAST(:record AS text[]),
                    CAST(:provenance AS text[]), CAST(:members AS int[])) AS v(id, status, record, provenance, members)
                WHERE g.golden_id = v.id
                """, new MapSqlParameterSource("id", column(updates, "id", UUID[]::new))
                .addValue("status", column(updates, "status", String[]::new))
                .addValue("record", column(updates, "record", String[]::new))
                .addValue("provenance", column(updates, "provenance", String[]::new))
                .addValue("members", column(updates, "members", Integer[]::new)));
    }

    /** One named value of every row, as an array (for a statement over unnest). */
    static <T> T[] column(List<MapSqlParameterSource> rows, String name,
                                  java.util.function.IntFunction<T[]> array) {
        T[] values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            @SuppressWarnings("unchecked")
            T value = (T) rows.get(i).getValue(name);
            values[i] = value;
        }
        return values;
    }

    /**
     * The batch's links in one statement over arrays, in the plan's order (one prepared statement and plan).
     * @param sequences each linked record's stored source sequence: the link's normalised form is of that version
     *                  and, saying so ({@link StoredForms}), stands in for the record when it is a candidate later
     */
    void upsertLinks(Map<EntityRef, Map.Entry<UUID, Link>> links, Map<EntityRef, Long> sequences) {
        if (links.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> rows = links.entrySet().stream()
                .map(l -> IdentityRepository.linkValues(l.getKey(), l.getValue().getKey(), l.getValue().getValue())
                        .addValue("matchVersion", forms.version(sequences.get(l.getKey()))))
                .toList();
        jdbc.update("""
                INSERT INTO identity_link (source_system, source_entity, source_key, golden_id, rule, score,
                    via_system, via_entity, via_key, explanation, normalized, rules_version, match_version)
                SELECT v.s, v.e, v.k, v.golden, v.rule, v.score, v.vs, v.ve, v.vk, CAST(v.explanation AS json),
                    CAST(v.normalized AS json), v.rules_version, v.match_version
                FROM unnest(CAST(:system AS text[]), CAST(:entity AS text[]), CAST(:key AS text[]),
                    CAST(:golden AS uuid[]), CAST(:rule AS text[]), CAST(:score AS float8[]),
                    CAST(:viaSystem AS text[]), CAST(:viaEntity AS text[]), CAST(:viaKey AS text[]),
                    CAST(:explanation AS text[]), CAST(:normalized AS text[]), CAST(:rulesVersion AS int[]),
                    CAST(:matchVersion AS text[])) AS v(s, e, k, golden, rule, score, vs, ve, vk, explanation,
                        normalized, rules_version, match_version)
                ON CONFLICT (source_system, source_entity, source_key) DO UPDATE SET golden_id = EXCLUDED.golden_id,
                    rule = EXCLUDED.rule, score = EXCLUDED.score, via_system = EXCLUDED.via_system,
                    via_entity = EXCLUDED.via_entity, via_key = EXCLUDED.via_key, explanation = EXCLUDED.explanation,
                    normalized = EXCLUDED.normalized, rules_version = EXCLUDED.rules_version,
                    match_version = EXCLUDED.match_version, linked_at = clock_timestamp()
                """, new MapSqlParameterSource("system", column(rows, "system", String[]::new))
                .addValue("entity", column(rows, "entity", String[]::new))
                .addValue("key", column(rows, "key", String[]::new))
                .addValue("golden", column(rows, "golden", UUID[]::new))
                .addValue("rule", column(rows, "rule", String[]::new))
                .addValue("score", column(rows, "score", Double[]::new))
                .addValue("viaSystem", column(rows, "viaSystem", String[]::new))
                .addValue("viaEntity", column(rows, "viaEntity", String[]::new))
                .addValue("viaKey", column(rows, "viaKey", String[]::new))
                .addValue("explanation", column(rows, "explanation", String[]::new))
                .addValue("normalized", column(rows, "normalized", String[]::new))
                .addValue("rulesVersion", column(rows, "rulesVersion", Integer[]::new))
                .addValue("matchVersion", column(rows, "matchVersion", String[]::new)));
    }

    /** Records that stay where they are get their link's normalised form of the version now stored. */
    void refreshForms(Map<EntityRef, Map.Entry<Long, NormalizedCustomer>> stayed) {
        if (stayed.isEmpty()) {
            return;
        }
        List<EntityRef> refs = List.copyOf(stayed.keySet());
        jdbc.update("""
                UPDATE identity_link l SET normalized = CAST(v.form AS json), match_version = v.version
                FROM unnest(CAST(:s AS text[]), CAST(:e AS text[]), CAST(:k AS text[]), CAST(:form AS text[]),
                    CAST(:version AS text[])) AS v(s, e, k, form, version)
                WHERE l.source_system = v.s AND l.source_entity = v.e AND l.source_key = v.k
                """, refs(refs)
                .addValue("form", refs.stream().map(r -> NormalizedForms.write(stayed.get(r).getValue()))
                        .toArray(String[]::new))
                .addValue("version", refs.stream().map(r -> forms.version(stayed.get(r).getKey()))
                        .toArray(String[]::new)));
    }

    /**
     * The records' links no longer carry a form that stands in for them ({@link #candidates} then reads the records):
     * for records whose new version is resolved without the batch writing its form (one by one), or not resolved at
     * all (identity resolution switched off).
     */
    void forgetForms(Collection<EntityRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE identity_link l SET match_version = NULL
                FROM unnest(CAST(:s AS text[]), CAST(:e AS text[]), CAST(:k AS text[])) AS v(s, e, k)
                WHERE l.source_system = v.s AND l.source_entity = v.e AND l.source_key = v.k
                  AND l.match_version IS NOT NULL
                """, refs(refs));
    }

    private static MapSqlParameterSource refs(Collection<EntityRef> refs) {
        return new MapSqlParameterSource("s", refs.stream().map(EntityRef::system).toArray(String[]::new))
                .addValue("e", refs.stream().map(EntityRef::entity).toArray(String[]::new))
                .addValue("k", refs.stream().map(EntityRef::key).toArray(String[]::new));
    }
}
