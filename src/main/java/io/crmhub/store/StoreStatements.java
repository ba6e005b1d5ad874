package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The store's multi-row statements: a batch's rows travel as arrays and are unnested by PostgreSQL, so one
 * statement writes any number of rows (and, unlike a rewritten JDBC batch, says which rows it wrote).
 */
@Component
public class StoreStatements {

    private static final String REFS = "unnest(CAST(:system AS text[]), CAST(:entity AS text[]), "
            + "CAST(:key AS text[])) AS u(system, entity, key)";

    private static final String UPSERT = """
            INSERT INTO %s AS r (source_system, source_entity, source_key, payload, source_position,
                source_sequence, mapping_version, last_event_id, last_op, occurred_at, deleted_at, deleted_position,
                data_issues)
            SELECT system, entity, key, CAST(payload AS jsonb), position, sequence, mapping_version,
                CAST(event_id AS uuid), op, CAST(occurred_at AS timestamptz), CAST(deleted_at AS timestamptz),
                deleted_position, CAST(issues AS jsonb)
            FROM unnest(CAST(:system AS text[]), CAST(:entity AS text[]), CAST(:key AS text[]),
                CAST(:payload AS text[]), CAST(:position AS text[]), CAST(:sequence AS bigint[]),
                CAST(:mappingVersion AS text[]), CAST(:eventId AS text[]), CAST(:op AS text[]),
                CAST(:occurredAt AS text[]), CAST(:deletedAt AS text[]), CAST(:deletedPosition AS text[]),
                CAST(:issues AS text[]))
                AS u(system, entity, key, payload, position, sequence, mapping_version, event_id, op, occurred_at,
                     deleted_at, deleted_position, issues)
            """;

    /**
     * Records the store holds already (their rows locked by {@link #lockStoredSequences}) are updated where the change
     * is newer; records it did not hold are inserted plainly: ON CONFLICT would make each of their rows a speculative
     * insertion (a probe of the primary key before the insert, a second write to confirm it). A record a concurrent
     * writer inserted meanwhile (two consumers of one partition during a rebalance, a backfill page and a live change
     * of one new record) then fails the batch, which the store splits and applies again ({@link IsolatingApply}),
     * finding the row this time.
     */
    private static final String ON_CONFLICT = """
            ON CONFLICT (source_system, source_entity, source_key) DO UPDATE SET
                payload = COALESCE(EXCLUDED.payload, r.payload),
                source_position = EXCLUDED.source_position,
                source_sequence = EXCLUDED.source_sequence,
                mapping_version = COALESCE(EXCLUDED.mapping_version, r.mapping_version),
                last_event_id = EXCLUDED.last_event_id,
                last_op = EXCLUDED.last_op,
                occurred_at = EXCLUDED.occurred_at,
                applied_at = clock_timestamp(),
                deleted_at = EXCLUDED.deleted_at,
                deleted_position = EXCLUDED.deleted_position,
                data_issues = CASE WHEN EXCLUDED.last_op = 'DELETE' THEN r.data_issues ELSE EXCLUDED.data_issues END
            WHERE r.source_sequence < EXCLUDED.source_sequence
            """;

    private static final String RETURNING = "RETURNING r.source_system, r.source_entity, r.source_key";

    private static final String LOG_CHANGES = """
            INSERT INTO change_log (event_id, entity, op, source_system, source_entity, source_key,
                source_position, source_sequence, mapping_version, occurred_at, ingested_at)
            SELECT CAST(event_id AS uuid), entity_type, op, system, entity, key, position, sequence, mapping_version,
                CAST(occurred_at AS timestamptz), CAST(ingested_at AS timestamptz)
            FROM unnest(CAST(:eventId AS text[]), CAST(:entityType AS text[]), CAST(:op AS text[]),
                CAST(:system AS text[]), CAST(:entity AS text[]), CAST(:key AS text[]), CAST(:position AS text[]),
                CAST(:sequence AS bigint[]), CAST(:mappingVersion AS text[]), CAST(:occurredAt AS text[]),
                CAST(:ingestedAt AS text[]))
                AS u(event_id, entity_type, op, system, entity, key, position, sequence, mapping_version,
                     occurred_at, ingested_at)
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public StoreStatements(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored sequence of every record the events touch, locked until the transaction ends, in key order (one
     * order for every transaction: concurrent batches cannot deadlock on them). One primary-key probe per event,
     * whatever the planner would estimate: a join planned for the array's default row estimate switched to a hash
     * join over the whole table as it grew (2,291 blocks and 7.7 ms a call at 70,000 customers, 120 ms at worst:
     * docs/benchmarks.md, 2026-12-04 late evening).
     */
    Map<String, Long> lockStoredSequences(EntityType entity, List<CanonicalEvent> events) {
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("SELECT r.source_system, r.source_entity, r.source_key, r.source_sequence FROM (SELECT * FROM "
                + REFS + " ORDER BY 1, 2, 3 OFFSET 0) u CROSS JOIN LATERAL (SELECT r.source_system, r.source_entity,"
                + " r.source_key, r.source_sequence FROM " + RecordTables.of(entity) + " r WHERE r.source_system ="
                + " u.system AND r.source_entity = u.entity AND r.source_key = u.key FOR UPDATE) r", refs(events), rs -> {
                    stored.put(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3), rs.getLong(4));
                });
        return stored;
    }

    /**
     * Writes each record's newest change (one event per record); returns the qualified keys actually written.
     * @param lastPayload the last change with a payload a record received in the batch, whose payload a delete keeps
     * @param stored      the qualified keys of the records the store held when their rows were locked
     */
    List<String> upsert(EntityType entity, List<CanonicalEvent> newest, Map<String, CanonicalEvent> lastPayload,
                        Set<String> stored) {
        Map<Boolean, List<CanonicalEvent>> held = newest.stream()
                .collect(Collectors.partitioningBy(e -> stored.contains(e.source().qualifiedKey())));
        List<String> written = new ArrayList<>(write(entity, held.get(true), lastPayload, true));
        written.addAll(write(entity, held.get(false), lastPayload, false));
        return written;
    }

    private List<String> write(EntityType entity, List<CanonicalEvent> newest, Map<String, CanonicalEvent> lastPayload,
                               boolean held) {
        if (newest.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource p = refs(newest)
                .addValue("payload", array(newest, e -> payloadText(e.op().isDelete() || e.payload() == null
                        ? lastPayload.get(e.source().qualifiedKey()) : e)))
                .addValue("position", array(newest, e -> e.source().position()))
                .addValue("sequence", newest.stream().map(e -> e.source().sequence()).toArray(Long[]::new))
                .addValue("mappingVersion", array(newest, CanonicalEvent::mappingVersion))
                .addValue("eventId", array(newest, CanonicalEvent::eventId))
                .addValue("op", array(newest, e -> e.op().name()))
                .addValue("occurredAt", array(newest, e -> e.occurredAt().toString()))
                .addValue("deletedAt", array(newest, e -> e.op().isDelete() ? e.occurredAt().toString() : null))
                .addValue("deletedPosition", array(newest, e -> e.op().isDelete() ? e.source().position() : null))
                .addValue("issues", array(newest, e -> e.issues() == null || e.issues().isEmpty() ? null
                        : CanonicalJson.write(e.issues())));
        String sql = UPSERT.formatted(RecordTables.of(entity)) + (held ? ON_CONFLICT : "") + RETURNING;
        return jdbc.query(sql, p, (rs, n) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
    }

    private static String payloadText(CanonicalEvent withPayload) {
        return withPayload == null ? null : withPayload.payload().toString();
    }

    void logChanges(List<CanonicalEvent> applied) {
        if (applied.isEmpty()) {
            return;
        }
        jdbc.update(LOG_CHANGES, refs(applied)
                .addValue("eventId", array(applied, CanonicalEvent::eventId))
                .addValue("entityType", array(applied, e -> e.entity().id()))
                .addValue("op", array(applied, e -> e.op().name()))
                .addValue("position", array(applied, e -> e.source().position()))
                .addValue("sequence", applied.stream().map(e -> e.source().sequence()).toArray(Long[]::new))
                .addValue("mappingVersion", array(applied, CanonicalEvent::mappingVersion))
                .addValue("occurredAt", array(applied, e -> e.occurredAt().toString()))
                .addValue("ingestedAt", array(applied, e -> e.ingestedAt().toString())));
    }

    /** Which of these events the store has logged as applied (a re-delivery), by event id. */
    Set<String> loggedEventIds(Collection<CanonicalEvent> events) {
        Set<String> seen = new HashSet<>();
        if (!events.isEmpty()) {
            jdbc.query("SELECT CAST(event_id AS text) FROM change_log WHERE event_id = ANY(CAST(:ids AS uuid[]))",
                    new MapSqlParameterSource("ids", array(events, CanonicalEvent::eventId)),
                    rs -> {
                        seen.add(rs.getString(1));
                    });
        }
        return seen;
    }

    private static MapSqlParameterSource refs(List<CanonicalEvent> events) {
        return new MapSqlParameterSource("system", array(events, e -> e.source().system()))
                .addValue("entity", array(events, e -> e.source().entity()))
                .addValue("key", array(events, e -> e.source().key()));
    }

    private static String[] array(Collection<CanonicalEvent> events, Function<CanonicalEvent, String> value) {
        return events.stream().map(value).toArray(String[]::new);
    }
}
