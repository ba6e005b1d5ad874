package io.crmhub.identity.resolve;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.match.MatchExplanation;
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
    boolean open(EntityRef a, EntityRef b, MatchExplanation explanation) {
        return openAll(java.util.List.of(new Pending(a, b, explanation)))[0];
    }

    /** A pair to open a review for: the batch's record, the candidate, and how they compared. */
    record Pending(EntityRef self, EntityRef other, MatchExplanation explanation) {

        /** The pair's first record in {@link Refs#ORDER}: a review is always kept the same way round. */
        EntityRef left() {
            return Refs.first(self, other);
        }

        EntityRef right() {
            return left() == self ? other : self;
        }
    }

    /**
     * Opens the reviews of a batch in one statement, each pair unless one exists (or an earlier pending one is the
     * same pair); returns, in the order given, whether each opened a new review — as {@link #open} one by one would.
     */
    boolean[] openAll(java.util.List<Pending> pending) {
        boolean[] opened = new boolean[pending.size()];
        if (pending.isEmpty()) {
            return opened;
        }
        int n = pending.size();
        String[][] columns = new String[6][n];
        Double[] scores = new Double[n];
        String[] explanations = new String[n];
        java.util.Map<java.util.List<String>, Integer> firstOf = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            Pending p = pending.get(i);
            EntityRef left = p.left();
            EntityRef right = p.right();
            String[] row = {left.system(), left.entity(), left.key(), right.system(), right.entity(), right.key()};
            for (int c = 0; c < 6; c++) {
                columns[c][i] = row[c];
            }
            scores[i] = p.explanation().score();
            explanations[i] = CanonicalJson.write(p.explanation());
            firstOf.putIfAbsent(java.util.List.of(row), i);
        }
        jdbc.query("""
                INSERT INTO identity_review AS v (left_system, left_entity, left_key, right_system, right_entity,
                    right_key, score, explanation)
                SELECT ls, le, lk, rs, re, rk, score, CAST(explanation AS json)
                FROM unnest(CAST(:ls AS text[]), CAST(:le AS text[]), CAST(:lk AS text[]), CAST(:rs AS text[]),
                    CAST(:re AS text[]), CAST(:rk AS text[]), CAST(:score AS float8[]), CAST(:explanation AS text[]))
                    WITH ORDINALITY AS p(ls, le, lk, rs, re, rk, score, explanation, i)
                ORDER BY i
                ON CONFLICT DO NOTHING
                RETURNING v.left_system, v.left_entity, v.left_key, v.right_system, v.right_entity, v.right_key
                """, new MapSqlParameterSource("ls", columns[0]).addValue("le", columns[1])
                .addValue("lk", columns[2]).addValue("rs", columns[3]).addValue("re", columns[4])
                .addValue("rk", columns[5]).addValue("score", scores).addValue("explanation", explanations), rs -> {
                    Integer first = firstOf.get(java.util.List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                    if (first != null) {
                        opened[first] = true;
                    }
                });
        return opened;
    }
}
