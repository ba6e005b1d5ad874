package io.crmhub.identity.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.resolve.IdentityException.Reason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** Read side of identity resolution: golden customers with their links, explanations and history. */
@Service
public class IdentityQueries {

    /** A golden customer: fields, per-field provenance and every linked source record. */
    public record Golden(UUID goldenId, String status, UUID mergedInto, long version, Instant createdAt,
                         Instant updatedAt, JsonNode record, JsonNode provenance, List<LinkView> links) {}

    /** Why one source record is linked: the rule, the score and the field comparisons behind it. */
    public record LinkView(EntityRef source, String rule, Double score, EntityRef via, JsonNode explanation,
                           int rulesVersion, Instant linkedAt, boolean deleted) {}

    /** One audited decision. */
    public record DecisionView(long id, Instant decidedAt, String kind, UUID goldenId, UUID otherGoldenId,
                               EntityRef source, String rule, Double score, Integer rulesVersion, String actor,
                               JsonNode details) {}

    /**
     * A golden customer's decisions, as survivor or as the other side; answered by two indexes (golden_id, and the
     * partial one on other_golden_id, V28), never by reading the whole decision table.
     */
    static final String HISTORY = """
            SELECT * FROM identity_decision WHERE golden_id = :golden OR other_golden_id = :golden ORDER BY id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    IdentityQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The links are read after the row, not from inside its row mapper: a nested query outside a transaction takes
     * a second pool connection while holding the first, and under load every connection ends up waiting for one.
     */
    public Golden golden(UUID id) {
        Golden row = jdbc.query("SELECT * FROM golden_customer WHERE golden_id = :id",
                new MapSqlParameterSource("id", id), (rs, n) -> new Golden(id, rs.getString("status"),
                        uuid(rs, "merged_into"), rs.getLong("version"), instant(rs, "created_at"),
                        instant(rs, "updated_at"), json(rs, "record"), json(rs, "provenance"), List.of()))
                .stream().findFirst()
                .orElseThrow(() -> new IdentityException(Reason.NOT_FOUND, "no golden customer " + id));
        return new Golden(id, row.status(), row.mergedInto(), row.version(), row.createdAt(), row.updatedAt(),
                row.record(), row.provenance(), links(id));
    }

    public List<LinkView> links(UUID golden) {
        return jdbc.query("""
                SELECT l.*, c.deleted_at IS NOT NULL AS deleted FROM identity_link l
                JOIN customer_record c USING (source_system, source_entity, source_key)
                WHERE l.golden_id = :golden ORDER BY l.linked_at, l.source_system, l.source_entity, l.source_key
                """, new MapSqlParameterSource("golden", golden), (rs, n) -> new LinkView(
                new EntityRef(rs.getString("source_system"), rs.getString("source_entity"), rs.getString("source_key")),
                rs.getString("rule"), (Double) rs.getObject("score"),
                rs.getString("via_key") == null ? null
                        : new EntityRef(rs.getString("via_system"), rs.getString("via_entity"), rs.getString("via_key")),
                json(rs, "explanation"), rs.getInt("rules_version"), instant(rs, "linked_at"),
                rs.getBoolean("deleted")));
    }

    /** Every decision about the golden customer, as survivor or as the other side, oldest first. */
    public List<DecisionView> history(UUID golden) {
        return jdbc.query(HISTORY, new MapSqlParameterSource("golden", golden), (rs, n) -> decision(rs));
    }

    /** The golden customer a source record is linked to. */
    public UUID goldenOf(EntityRef source) {
        return jdbc.query("SELECT golden_id FROM identity_link WHERE source_system = :system AND source_entity = "
                        + ":entity AND source_key = :key", IdentityRepository.source(source),
                (rs, n) -> UUID.fromString(rs.getString(1))).stream().findFirst()
                .orElseThrow(() -> new IdentityException(Reason.NOT_FOUND, "source record " + source.qualifiedKey()
                        + " is not linked to a golden customer"));
    }

    static DecisionView decision(ResultSet rs) throws SQLException {
        String key = rs.getString("source_key");
        return new DecisionView(rs.getLong("id"), instant(rs, "decided_at"), rs.getString("kind"),
                uuid(rs, "golden_id"), uuid(rs, "other_golden_id"), key == null ? null
                : new EntityRef(rs.getString("source_system"), rs.getString("source_entity"), key),
                rs.getString("rule"), (Double) rs.getObject("score"), (Integer) rs.getObject("rules_version"),
                rs.getString("actor"), json(rs, "details"));
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : UUID.fromString(value);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static JsonNode json(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        try {
            return value == null ? null : CanonicalJson.mapper().readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(column + " is not JSON", e);
        }
    }
}
