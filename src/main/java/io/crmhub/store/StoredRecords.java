package io.crmhub.store;

import io.crmhub.canonical.EntityType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the store holds, for the packages that look at it from outside (dead-letter replay, backfill reconciliation):
 * a source record's sequence and payload, whether an event was applied, the keys of a source entity. The record
 * tables and {@code change_log} are written and read here and in {@link StoreStatements} only.
 */
@Component
public class StoredRecords {

    /** A stored source record: the sequence of the change it holds and its payload (JSON text, null when none). */
    public record Held(long sequence, String payload) {}

    private final NamedParameterJdbcTemplate jdbc;

    public StoredRecords(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the store holds for a source record of an entity type, if anything. */
    public Optional<Held> held(EntityType type, String system, String entity, String key) {
        MapSqlParameterSource p = new MapSqlParameterSource("system", system).addValue("entity", entity)
                .addValue("key", key);
        List<Held> held = jdbc.query("SELECT source_sequence, payload::text FROM " + RecordTables.of(type)
                + " WHERE source_system = :system AND source_entity = :entity AND source_key = :key", p,
                (rs, i) -> new Held(rs.getLong(1), rs.getString(2)));
        return held.stream().findFirst();
    }

    /** Whether the store logged this event as applied ({@code change_log}). */
    public boolean applied(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM change_log WHERE event_id = :eventId",
                new MapSqlParameterSource("eventId", UUID.fromString(eventId)), Long.class) > 0;
    }

    /** Whether the store holds any customer record of a source entity. */
    public boolean hasCustomers(String system, String entity) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM customer_record"
                + " WHERE source_system = :system AND source_entity = :entity)", source(system, entity),
                Boolean.class));
    }

    /**
     * Every stored record of a source entity, streamed: its key and whether it is deleted. Each record table is read
     * in turn (a source entity's records are in the table of its entity type).
     */
    public void forEachKey(String system, String entity, BiConsumer<String, Boolean> keyDeleted) {
        MapSqlParameterSource p = source(system, entity);
        for (String table : RecordTables.ALL) {
            jdbc.query("SELECT source_key, deleted_at IS NOT NULL AS deleted FROM " + table
                    + " WHERE source_system = :system AND source_entity = :entity", p, rs -> {
                        keyDeleted.accept(rs.getString(1), rs.getBoolean(2));
                    });
        }
    }

    /**
     * Fresh planner statistics for the record tables (after a bulk load PostgreSQL would still estimate the tables
     * before it; see the backfill's reconciliation).
     */
    public void analyze() {
        jdbc.getJdbcTemplate().execute("ANALYZE " + String.join(", ", RecordTables.ALL));
    }

    private static MapSqlParameterSource source(String system, String entity) {
        return new MapSqlParameterSource("system", system).addValue("entity", entity);
    }
}
