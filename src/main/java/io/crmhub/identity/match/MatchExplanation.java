package io.crmhub.identity.match;

import java.util.List;

/**
 * Why a pair got its outcome: what "explain" shows for each link. The score is computed for every pair, even
 * when a rule decided, so a reviewer sees both.
 *
 * @param outcome      merge, review or no match
 * @param rule         the deterministic or cannot-link rule that decided (e.g. {@code same-tax-id},
 *                     {@code cannot-link:different-tax-ids}); null when the score decided
 * @param score        the Fellegi–Sunter total in bits
 * @param comparisons  one entry per compared field, in {@link Field} order
 * @param rulesVersion version of match-rules.yaml that decided
 */
public record MatchExplanation(Outcome outcome, String rule, double score, List<FieldComparison> comparisons,
                               int rulesVersion) {

    public MatchExplanation {
        comparisons = List.copyOf(comparisons);
    }

    /** The comparison of one field. */
    public FieldComparison comparison(Field field) {
        return comparisons.stream().filter(c -> c.field() == field).findFirst().orElseThrow();
    }
}
