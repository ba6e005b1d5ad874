package io.crmhub.identity.resolve;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.identity.golden.GoldenRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The golden_customer table; every method runs in the caller's transaction. */
@Repository
class GoldenRepository {

    /** A golden customer's identity and bookkeeping, without its record. */
    record GoldenRow(UUID id, String status, UUID mergedInto, int memberCount, long version, Instant createdAt) {}

    private final NamedParameterJdbcTemplate jdbc;

    GoldenRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static final String INSERT = """
            INSERT INTO golden_customer (golden_id, status, record, provenance, member_count)
            VALUES (:id, :status, CAST(:record AS jsonb), CAST(:provenance AS json), :members)
            """;
    static final String UPDATE = """
            UPDATE golden_customer SET record = CAST(:record AS jsonb), provenance = CAST(:provenance AS json),
                member_count = :members, status = :status, merged_into = NULL, version = version + 1,
                updated_at = clock_timestamp()
            WHERE golden_id = :id
            """;

    void insert(UUID id, GoldenRecord golden, int members, String status) {
        jdbc.update(INSERT, values(id, golden, members, status));
    }

    void update(UUID id, GoldenRecord golden, int members, String status) {
        jdbc.update(UPDATE, values(id, golden, members, status));
    }

    void markMerged(UUID absorbed, UUID survivor) {
        jdbc.update("""
                UPDATE golden_customer SET status = 'MERGED', merged_into = :survivor, member_count = 0,
                    version = version + 1, updated_at = clock_timestamp()
                WHERE golden_id = :absorbed
                """, new MapSqlParameterSource("absorbed", absorbed).addValue("survivor", survivor));
        // Anything absorbed into the absorbed golden earlier now points straight at the survivor.
        jdbc.update("UPDATE golden_customer SET merged_into = :survivor WHERE merged_into = :absorbed",
                new MapSqlParameterSource("absorbed", absorbed).addValue("survivor", survivor));
    }

    /**
     * Locks the rows in id order (callers hold the key locks already, so this cannot deadlock). The ids travel as one
     * array: an {@code IN} list was a new statement text, prepared and planned again, for every number of ids.
     */
    List<GoldenRow> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT golden_id, status, merged_into, member_count, version, created_at FROM golden_customer
                WHERE golden_id = ANY(CAST(:ids AS uuid[])) ORDER BY golden_id FOR UPDATE
                """, new MapSqlParameterSource("ids", ids.toArray(UUID[]::new)), GoldenRepository::row);
    }

    Optional<GoldenRow> find(UUID id) {
        return jdbc.query("""
                SELECT golden_id, status, merged_into, member_count, version, created_at FROM golden_customer
                WHERE golden_id = :id
                """, new MapSqlParameterSource("id", id), GoldenRepository::row).stream().findFirst();
    }

    int largestCluster() {
        Integer max = jdbc.getJdbcTemplate().queryForObject(
                "SELECT max(member_count) FROM golden_customer WHERE status = 'ACTIVE'", Integer.class);
        return max == null ? 0 : max;
    }

    private static GoldenRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String mergedInto = rs.getString(3);
        return new GoldenRow(UUID.fromString(rs.getString(1)), rs.getString(2),
                mergedInto == null ? null : UUID.fromString(mergedInto), rs.getInt(4), rs.getLong(5),
                rs.getTimestamp(6).toInstant());
    }

    static MapSqlParameterSource values(UUID id, GoldenRecord golden, int members, String status) {
        return new MapSqlParameterSource("id", id).addValue("status", status)
                .addValue("record", CanonicalJson.write(golden.customer()))
                .addValue("provenance", CanonicalJson.write(golden.provenance()))
                .addValue("members", members);
    }
}
