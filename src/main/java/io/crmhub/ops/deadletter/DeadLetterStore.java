package io.crmhub.ops.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code dead_letter} table's one owner (besides the insert of {@link DeadLetterService}): list, read, record
 * replay attempts in place (never a new row), and the few questions other packages ask of it: the waiting backlog
 * (gauges), the retention purge, the latest reason for a source record (reconciliation, partner writes).
 */
@Component
public class DeadLetterStore {

    /** The table's name, for metrics that count what was done to it. */
    public static final String TABLE = "dead_letter";

    static final String WAITING = "SELECT count(*), min(created_at) FROM dead_letter WHERE status = 'NEW'";
    static final String PURGE = """
            DELETE FROM dead_letter WHERE id IN (SELECT id FROM dead_letter
                WHERE (status = 'REPLAYED' AND coalesce(last_attempt_at, created_at) < clock_timestamp() - ? * interval '1 millisecond')
                   OR created_at < clock_timestamp() - ? * interval '1 millisecond'
                LIMIT ?)
            """;
    // the hub's own rejections are personal-data-free by contract; other messages may quote data: type only
    static final String LAST_REASON = "SELECT 'dead letter ' || id || CASE WHEN error_class IN ("
            + "'io.crmhub.mapping.MappingException', 'io.crmhub.connector.MalformedSourceRecordException',"
            + " 'io.crmhub.store.InvalidEventException') THEN ': ' || reason ELSE ' (' || error_class || ')' END"
            + " FROM dead_letter WHERE source_system = :system AND source_entity = :entity AND source_key = :key"
            + " ORDER BY id DESC LIMIT 1";
    static final String OPEN_REASON = """
            SELECT d.reason FROM dead_letter d
             WHERE d.source_system = :system AND d.source_entity = :entity
               AND d.source_key = :key AND d.created_at >= :since
               AND d.status <> 'REPLAYED'
             ORDER BY d.id DESC LIMIT 1
            """;

    /** Dead letters waiting for a replay or a decision (status NEW), and when the oldest of them was created. */
    public record Waiting(long count, Instant oldest) {}

    private static final String COLUMNS = "id, created_at, route_id, source_system, source_entity, source_key,"
            + " source_position, field, reason, error_class, status, attempts, last_attempt_at, last_reason,"
            + " replay_outcome, mapping_version";

    private final NamedParameterJdbcTemplate jdbc;

    public DeadLetterStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<DeadLetterView> list(DeadLetterFilter filter, int limit, boolean withRaw) {
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        String sql = "SELECT " + COLUMNS + (withRaw ? ", raw_record" : "") + " FROM dead_letter" + filter.where(p)
                + " ORDER BY id LIMIT :limit";
        return jdbc.query(sql, p, (rs, i) -> view(rs, withRaw));
    }

    public Optional<DeadLetterView> get(long id) {
        return jdbc.query("SELECT " + COLUMNS + ", raw_record FROM dead_letter WHERE id = :id",
                new MapSqlParameterSource("id", id), (rs, i) -> view(rs, true)).stream().findFirst();
    }

    public void replayed(long id, String outcome, String mappingVersion) {
        jdbc.update("UPDATE dead_letter SET status = 'REPLAYED', attempts = attempts + 1,"
                + " last_attempt_at = clock_timestamp(), replay_outcome = :outcome, mapping_version = :mv"
                + " WHERE id = :id", new MapSqlParameterSource("id", id).addValue("outcome", outcome)
                .addValue("mv", mappingVersion));
    }

    public void failedAgain(long id, String reason, String mappingVersion) {
        jdbc.update("UPDATE dead_letter SET status = 'FAILED_AGAIN', attempts = attempts + 1,"
                + " last_attempt_at = clock_timestamp(), last_reason = :reason, replay_outcome = 'FAILED',"
                + " mapping_version = :mv WHERE id = :id", new MapSqlParameterSource("id", id)
                .addValue("reason", reason).addValue("mv", mappingVersion));
    }

    /** The backlog of dead letters with status NEW (one aggregate over the status index). */
    public Waiting waiting() {
        return jdbc.getJdbcTemplate().queryForObject(WAITING,
                (rs, i) -> new Waiting(rs.getLong(1), instant(rs.getTimestamp(2))));
    }

    /**
     * Deletes at most {@code batchSize} dead letters past their age: replayed ones after {@code replayedMaxAgeMillis}
     * (since the last attempt), all others after {@code maxAgeMillis}; returns how many it deleted.
     */
    public int purge(long replayedMaxAgeMillis, long maxAgeMillis, int batchSize) {
        return jdbc.getJdbcTemplate().update(PURGE, replayedMaxAgeMillis, maxAgeMillis, batchSize);
    }

    /**
     * The latest dead letter of a source record as "dead letter &lt;id&gt;: &lt;reason&gt;" (the reason only for the
     * hub's own, personal-data-free rejections, else the error type), or empty when it has none.
     */
    public Optional<String> lastReason(String system, String entity, String key) {
        return jdbc.queryForList(LAST_REASON, source(system, entity, key), String.class).stream().findFirst();
    }

    /** The reason of the latest dead letter of a source record created at or after {@code since} and not replayed. */
    public Optional<String> openReason(String system, String entity, String key, java.time.OffsetDateTime since) {
        return jdbc.queryForList(OPEN_REASON, source(system, entity, key).addValue("since", since), String.class)
                .stream().findFirst();
    }

    private static MapSqlParameterSource source(String system, String entity, String key) {
        return new MapSqlParameterSource("system", system).addValue("entity", entity).addValue("key", key);
    }

    private static DeadLetterView view(ResultSet rs, boolean withRaw) throws SQLException {
        return new DeadLetterView(rs.getLong("id"), instant(rs.getTimestamp("created_at")), rs.getString("route_id"),
                rs.getString("source_system"), rs.getString("source_entity"), rs.getString("source_key"),
                rs.getString("source_position"), rs.getString("field"), rs.getString("reason"),
                rs.getString("error_class"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs.getTimestamp("last_attempt_at")), rs.getString("last_reason"),
                rs.getString("replay_outcome"), rs.getString("mapping_version"),
                withRaw ? rs.getString("raw_record") : null);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
