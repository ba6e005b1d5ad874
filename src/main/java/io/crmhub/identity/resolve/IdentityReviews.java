package io.crmhub.identity.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.resolve.IdentityException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The review band: candidate pairs a person decides. */
@Service
public class IdentityReviews {

    /** One review pair with both records' current golden customers. */
    public record Review(long id, EntityRef left, UUID leftGolden, EntityRef right, UUID rightGolden, double score,
                         JsonNode explanation, String status, Instant createdAt, Instant decidedAt, String decidedBy) {}

    private static final String SELECT = """
            SELECT r.*, ll.golden_id AS left_golden, rl.golden_id AS right_golden FROM identity_review r
            LEFT JOIN identity_link ll ON ll.source_system = r.left_system AND ll.source_entity = r.left_entity
                                      AND ll.source_key = r.left_key
            LEFT JOIN identity_link rl ON rl.source_system = r.right_system AND rl.source_entity = r.right_entity
                                      AND rl.source_key = r.right_key
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final IdentityAdmin admin;
    private final IdentityRepository links;
    private final IdentityDecisions decisions;
    private final MatchRules rules;

    IdentityReviews(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, IdentityAdmin admin,
                    IdentityRepository links, IdentityDecisions decisions, MatchRules rules) {
        this.rules = rules;
        this.jdbc = jdbc;
        this.tx = tx;
        this.admin = admin;
        this.links = links;
        this.decisions = decisions;
    }

    public List<Review> list(String status, int limit, long offset) {
        return jdbc.query(SELECT + " WHERE r.status = :status ORDER BY r.score DESC, r.id LIMIT :limit OFFSET :offset",
                new MapSqlParameterSource("status", status).addValue("limit", limit).addValue("offset", offset),
                (rs, n) -> review(rs));
    }

    public Review get(long id) {
        return jdbc.query(SELECT + " WHERE r.id = :id", new MapSqlParameterSource("id", id), (rs, n) -> review(rs))
                .stream().findFirst()
                .orElseThrow(() -> new IdentityException(Reason.NOT_FOUND, "no review " + id));
    }

    /**
     * Withdraws open reviews that an older rules version opened and the running one would not: pairs scored in the
     * review band with fewer agreeing fields (weight above 0 in the stored explanation) than
     * {@code thresholds.review-min-fields} (rules version 4: a shared name alone is not reviewed). Their status
     * becomes {@code WITHDRAWN}, decided by {@code actor}; reviews opened for a refused join (outcome MERGE) and any
     * opened under the running version stay. At most {@code limit} per call, oldest first, read through the index
     * of open reviews: a queue of millions is withdrawn call after call without reading the withdrawn ones again.
     *
     * @return how many were withdrawn
     */
    public int withdrawOutdated(int limit, String actor) {
        return jdbc.update("""
                WITH outdated AS (
                    SELECT r.id FROM identity_review r
                    WHERE r.status = 'OPEN' AND r.explanation ->> 'outcome' = 'REVIEW'
                      AND coalesce(CAST(r.explanation ->> 'rulesVersion' AS int), 0) < :version
                      AND (SELECT count(*) FROM json_array_elements(r.explanation -> 'comparisons') c
                           WHERE CAST(c ->> 'weight' AS float8) > 0) < :minFields
                    ORDER BY r.created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                UPDATE identity_review r SET status = 'WITHDRAWN', decided_at = clock_timestamp(), decided_by = :actor
                FROM outdated o WHERE r.id = o.id
                """, new MapSqlParameterSource("version", rules.version())
                .addValue("minFields", rules.thresholds().reviewMinFields()).addValue("limit", limit)
                .addValue("actor", actor));
    }

    /** Records a person's answer and acts on it; a review is answered once. */
    public Review decide(long id, ReviewDecision decision, String actor) {
        tx.executeWithoutResult(status -> {
            // one answer per review, even when two people click at once
            jdbc.query("SELECT id FROM identity_review WHERE id = :id FOR UPDATE", new MapSqlParameterSource("id", id),
                    rs -> null);
            decideLocked(get(id), decision, actor);
        });
        return get(id);
    }

    private void decideLocked(Review review, ReviewDecision decision, String actor) {
        if (!"OPEN".equals(review.status())) {
            throw new IdentityException(Reason.CONFLICT, "review " + review.id() + " was already decided: "
                    + review.status());
        }
        if (review.leftGolden() == null || review.rightGolden() == null) {
            throw new IdentityException(Reason.CONFLICT, "a record of review " + review.id() + " is not linked");
        }
        boolean together = review.leftGolden().equals(review.rightGolden());
        if (decision == ReviewDecision.MERGE && !together) {
            admin.mergeLocked(List.of(review.leftGolden(), review.rightGolden()), actor, "review " + review.id());
        } else if (decision == ReviewDecision.DISTINCT) {
            if (together) {
                admin.unmergeLocked(review.rightGolden(),
                        new UnmergeRequest(List.of(review.right()), true, "review " + review.id()), actor);
            }
            links.addCannotLink(review.left(), review.right(), actor, "review " + review.id());
        }
        jdbc.update("UPDATE identity_review SET status = :status, decided_at = clock_timestamp(), decided_by = :actor "
                + "WHERE id = :id", new MapSqlParameterSource("status", decision == ReviewDecision.MERGE ? "MERGED"
                : "DISTINCT").addValue("actor", actor).addValue("id", review.id()));
        decisions.record(new Decision(DecisionKind.REVIEW_DECIDED, review.leftGolden(), review.rightGolden(), null,
                decision.name().toLowerCase(), review.score(), actor, Map.of("review", review.id())));
    }

    private static Review review(java.sql.ResultSet rs) throws java.sql.SQLException {
        String lg = rs.getString("left_golden");
        String rg = rs.getString("right_golden");
        java.sql.Timestamp decided = rs.getTimestamp("decided_at");
        try {
            return new Review(rs.getLong("id"),
                    new EntityRef(rs.getString("left_system"), rs.getString("left_entity"), rs.getString("left_key")),
                    lg == null ? null : UUID.fromString(lg),
                    new EntityRef(rs.getString("right_system"), rs.getString("right_entity"), rs.getString("right_key")),
                    rg == null ? null : UUID.fromString(rg), rs.getDouble("score"),
                    CanonicalJson.mapper().readTree(rs.getString("explanation")), rs.getString("status"),
                    rs.getTimestamp("created_at").toInstant(), decided == null ? null : decided.toInstant(),
                    rs.getString("decided_by"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored review explanation is not JSON", e);
        }
    }
}
