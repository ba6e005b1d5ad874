package io.crmhub.ops.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code dead_letter} table: list, read, and record replay attempts in place (never a new row). */
@Component
public class DeadLetterStore {

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
