package io.crmhub.identity.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of identity resolution over the V6 tables; every method runs in the caller's transaction. */
@Repository
class IdentityRepository {

    private static final String RECORD_COLUMNS = """
            l.source_system, l.source_entity, l.source_key, l.golden_id, l.rule, c.payload, c.deleted_at IS NOT NULL AS deleted,
            c.source_position, c.source_sequence, c.mapping_version, c.occurred_at
            """;
    /*
     * A linked record's row, looked up by primary key for each link found, never joined as a whole table: planned as
     * a join, these lookups turned into a hash join over every customer record whenever the row estimates were off
     * (the tables grow faster than their statistics during a burst or a backfill): 2,000-3,600 blocks and 5-18 ms for
     * a golden customer's 2-4 members. "LATERAL (… OFFSET 0)" keeps them one index probe each, as in
     * IdentityBatchRepository.
     */
    private static final String RECORD_OF_LINK = """
            CROSS JOIN LATERAL (SELECT c.payload, c.deleted_at, c.source_position, c.source_sequence, c.mapping_version,
                    c.occurred_at FROM customer_record c
                WHERE c.source_system = l.source_system AND c.source_entity = l.source_entity
                  AND c.source_key = l.source_key OFFSET 0) c
            """;

    private final NamedParameterJdbcTemplate jdbc;

    IdentityRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> keysOf(EntityRef ref) {
        return jdbc.queryForList("SELECT key FROM identity_key WHERE " + SOURCE, source(ref), String.class);
    }

    void replaceKeys(EntityRef ref, Collection<String> keys) {
        jdbc.update("DELETE FROM identity_key WHERE " + SOURCE, source(ref));
        MapSqlParameterSource[] rows = keys.stream().map(k -> source(ref).addValue("k", k))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("INSERT INTO identity_key (key, source_system, source_entity, source_key) "
                + "VALUES (:k, :system, :entity, :key) ON CONFLICT DO NOTHING", rows);
    }

    /** How many linked records carry each key: one indexed row per key, whatever the count. */
    Map<String, Long> keyCounts(Collection<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        if (!keys.isEmpty()) {
            // one index probe per key, whatever the planner would estimate for a large array (see
            // IdentityBatchRepository); a hot key's differences not folded yet are added (V21, identity_key_records)
            jdbc.query("""
                    SELECT q.key, c.records + CASE WHEN c.hot THEN coalesce((SELECT sum(d.records)
                                                   FROM identity_key_count_delta d WHERE d.key = q.key), 0) ELSE 0 END
                    FROM unnest(CAST(:keys AS text[])) AS q(key)
                    CROSS JOIN LATERAL (SELECT c.records, c.hot FROM identity_key_count c WHERE c.key = q.key OFFSET 0) c
                    """,
                    new MapSqlParameterSource("keys", keys.toArray(String[]::new)), rs -> {
                        counts.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return counts;
    }

    /** Live (not deleted) linked records sharing any of the keys, except the record itself. */
    /**
     * Live linked records sharing a narrow block key with the record, or two of its usable block keys.
     * @param narrowKeys the usable keys whose blocks are narrow ({@link IdentityResolver#narrowKeys})
     */
    List<LinkedRecord> candidates(Collection<String> blockKeys, Collection<String> narrowKeys, EntityRef self) {
        if (blockKeys.isEmpty()) {
            return List.of();
        }
        // from the keys' index entries to their records (a semi-join planned the other way round scans every link)
        return jdbc.query("SELECT " + RECORD_COLUMNS + """
                FROM (SELECT source_system, source_entity, source_key FROM identity_key
                      WHERE key = ANY(CAST(:keys AS text[])) GROUP BY 1, 2, 3
                      HAVING count(*) >= 2 OR bool_or(key = ANY(CAST(:narrow AS text[])))) i
                CROSS JOIN LATERAL (SELECT l.source_system, l.source_entity, l.source_key, l.golden_id, l.rule
                    FROM identity_link l WHERE l.source_system = i.source_system
                      AND l.source_entity = i.source_entity AND l.source_key = i.source_key OFFSET 0) l
                """ + RECORD_OF_LINK + """
                WHERE c.deleted_at IS NULL
                  AND NOT (l.source_system = :system AND l.source_entity = :entity AND l.source_key = :key)
                """, source(self).addValue("keys", blockKeys.toArray(String[]::new))
                .addValue("narrow", narrowKeys.toArray(String[]::new)), this::linkedRecord);
    }

    List<LinkedRecord> members(UUID goldenId) {
        return jdbc.query("SELECT " + RECORD_COLUMNS + """
                FROM (SELECT l.source_system, l.source_entity, l.source_key, l.golden_id, l.rule, l.linked_at
                      FROM identity_link l WHERE l.golden_id = :golden OFFSET 0) l
                """ + RECORD_OF_LINK + """
                ORDER BY l.linked_at, l.source_system, l.source_entity, l.source_key
                """, new MapSqlParameterSource("golden", goldenId), this::linkedRecord);
    }

    Optional<LinkedRecord> record(EntityRef ref) {
        return jdbc.query("""
                SELECT c.source_system, c.source_entity, c.source_key, l.golden_id, l.rule, c.payload,
                       c.deleted_at IS NOT NULL AS deleted, c.source_position, c.source_sequence, c.mapping_version,
                       c.occurred_at
                FROM customer_record c LEFT JOIN identity_link l USING (source_system, source_entity, source_key)
                WHERE c.source_system = :system AND c.source_entity = :entity AND c.source_key = :key
                """, source(ref), this::linkedRecord).stream().findFirst();
    }

    /** Pairs a person decided must stay apart, among the given records and the record itself. */
    List<EntityRef> cannotLinkWith(EntityRef ref) {
        return jdbc.query("""
                SELECT right_system, right_entity, right_key FROM identity_constraint
                WHERE left_system = :system AND left_entity = :entity AND left_key = :key
                UNION
                SELECT left_system, left_entity, left_key FROM identity_constraint
                WHERE right_system = :system AND right_entity = :entity AND right_key = :key
                """, source(ref), (rs, n) -> new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    void addCannotLink(EntityRef a, EntityRef b, String actor, String reason) {
        EntityRef left = Refs.first(a, b);
        EntityRef right = left == a ? b : a;
        jdbc.update("""
                INSERT INTO identity_constraint (left_system, left_entity, left_key, right_system, right_entity,
                    right_key, kind, created_by, reason)
                VALUES (:ls, :le, :lk, :rs, :re, :rk, 'cannot-link', :actor, :reason) ON CONFLICT DO NOTHING
                """, pair(left, right).addValue("actor", actor).addValue("reason", reason));
    }

    void removeCannotLinks(Collection<EntityRef> among) {
        List<String> keys = among.stream().map(EntityRef::qualifiedKey).toList();
        if (!keys.isEmpty()) {
            jdbc.update("""
                    DELETE FROM identity_constraint
                    WHERE left_system || ':' || left_entity || ':' || left_key IN (:keys)
                      AND right_system || ':' || right_entity || ':' || right_key IN (:keys)
                    """, new MapSqlParameterSource("keys", keys));
        }
    }

    static final String UPSERT_LINK = """
            INSERT INTO identity_link (source_system, source_entity, source_key, golden_id, rule, score,
                via_system, via_entity, via_key, explanation, normalized, rules_version, match_version)
            VALUES (:system, :entity, :key, :golden, :rule, :score, :viaSystem, :viaEntity, :viaKey,
                CAST(:explanation AS json), CAST(:normalized AS json), :rulesVersion, :matchVersion)
            ON CONFLICT (source_system, source_entity, source_key) DO UPDATE SET golden_id = EXCLUDED.golden_id,
                rule = EXCLUDED.rule, score = EXCLUDED.score, via_system = EXCLUDED.via_system,
                via_entity = EXCLUDED.via_entity, via_key = EXCLUDED.via_key, explanation = EXCLUDED.explanation,
                normalized = EXCLUDED.normalized, rules_version = EXCLUDED.rules_version,
                match_version = EXCLUDED.match_version, linked_at = clock_timestamp()
            """;

    void upsertLink(EntityRef ref, UUID golden, Link link) {
        jdbc.update(UPSERT_LINK, linkValues(ref, golden, link));
    }

    static MapSqlParameterSource linkValues(EntityRef ref, UUID golden, Link link) {
        return source(ref).addValue("golden", golden).addValue("rule", link.rule())
                .addValue("score", link.score())
                .addValue("viaSystem", link.via() == null ? null : link.via().system())
                .addValue("viaEntity", link.via() == null ? null : link.via().entity())
                .addValue("viaKey", link.via() == null ? null : link.via().key())
                .addValue("explanation", link.explanationJson())
                .addValue("normalized", link.normalizedJson()).addValue("rulesVersion", link.rulesVersion())
                .addValue("matchVersion", null, java.sql.Types.VARCHAR); // the batch path says which version it saw
    }

    /** Moves one record's link to another golden, keeping how it was decided but saying who moved it. */
    void moveLink(EntityRef ref, UUID golden, String rule) {
        jdbc.update("UPDATE identity_link SET golden_id = :golden, rule = :rule, linked_at = clock_timestamp() WHERE "
                + SOURCE, source(ref).addValue("golden", golden).addValue("rule", rule));
    }

    /** Every link of {@code from} now points at {@code to}; returns how many moved. */
    int repoint(UUID from, UUID to) {
        return jdbc.update("UPDATE identity_link SET golden_id = :to WHERE golden_id = :from",
                new MapSqlParameterSource("from", from).addValue("to", to));
    }

    static MapSqlParameterSource source(EntityRef ref) {
        return new MapSqlParameterSource("system", ref.system()).addValue("entity", ref.entity())
                .addValue("key", ref.key());
    }

    private static MapSqlParameterSource pair(EntityRef left, EntityRef right) {
        return new MapSqlParameterSource("ls", left.system()).addValue("le", left.entity()).addValue("lk", left.key())
                .addValue("rs", right.system()).addValue("re", right.entity()).addValue("rk", right.key());
    }

    LinkedRecord linkedRecord(ResultSet rs, int row) throws SQLException {
        return linkedRecord(rs, null);
    }

    /** @param cache parsed customers by record version, or null to parse every row */
    static LinkedRecord linkedRecord(ResultSet rs, RecordCache cache) throws SQLException {
        String golden = rs.getString("golden_id");
        EntityRef ref = new EntityRef(rs.getString("source_system"), rs.getString("source_entity"),
                rs.getString("source_key"));
        long sequence = rs.getLong("source_sequence");
        String payload = rs.getString("payload");
        Customer customer = cache == null ? customer(payload) : cache.customer(ref, sequence, () -> customer(payload));
        return new LinkedRecord(ref, golden == null ? null : UUID.fromString(golden), rs.getString("rule"),
                customer, rs.getBoolean("deleted"), rs.getString("source_position"), sequence,
                rs.getString("mapping_version"), rs.getTimestamp("occurred_at").toInstant());
    }

    static Customer customer(String payload) {
        try {
            return payload == null ? null : CanonicalJson.mapper().readValue(payload, Customer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored customer payload is not a canonical customer", e);
        }
    }

    private static final String SOURCE = "source_system = :system AND source_entity = :entity AND source_key = :key";
}
