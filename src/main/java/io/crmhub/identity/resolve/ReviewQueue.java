package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Candidate pairs for a person to decide (identity_review), each pair once, always the same way round. */
@Component
class ReviewQueue {

    private final NamedParameterJdbcTemplate jdbc;

    ReviewQueue(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens a review of the pair unless one exists; returns whether a new one was opened. */
    boolean open(EntityRef a, EntityRef b, double score, String explanationJson) {
        EntityRef left = Refs.first(a, b);
        EntityRef right = left == a ? b : a;
        return jdbc.update("""
                INSERT INTO identity_review (left_system, left_entity, left_key, right_system, right_entity,
                    right_key, score, explanation)
                VALUES (:ls, :le, :lk, :rs, :re, :rk, :score, CAST(:explanation AS jsonb))
                ON CONFLICT DO NOTHING
                """, new MapSqlParameterSource("ls", left.system()).addValue("le", left.entity())
                .addValue("lk", left.key()).addValue("rs", right.system()).addValue("re", right.entity())
                .addValue("rk", right.key()).addValue("score", score)
                .addValue("explanation", explanationJson)) == 1;
    }
}
