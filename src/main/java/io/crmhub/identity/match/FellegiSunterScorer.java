package io.crmhub.identity.match;

import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Weighs each field's comparison level and sums the weights (Fellegi–Sunter, in bits).
 *
 * <p>Term-frequency adjustment: when both records hold the same value v on an equal-value level (exact,
 * pinyin, shared), the agreement weight is log2(m / u_tf) with u_tf = max(u, count(v) / total) — see
 * {@link TermFrequencies#adjustedU}. A value carried by many records (王伟, a switchboard, info@) thus weighs
 * about log2(m / its frequency) instead of the level's log2(m / u), never below 0. Fuzzy, different and
 * missing levels are not adjusted: their values differ, so no single frequency describes them.
 */
final class FellegiSunterScorer {

    private final MatchRules rules;
    private final FieldComparators comparators;

    FellegiSunterScorer(MatchRules rules) {
        this.rules = rules;
        this.comparators = new FieldComparators(rules.nameSimilarity());
    }

    List<FieldComparison> compare(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        List<FieldComparison> result = new ArrayList<>();
        for (Field field : Field.values()) {
            result.add(comparators.compare(field, a, b).stream()
                    .map(c -> weigh(field, c, tf))
                    .max(Comparator.comparingDouble(FieldComparison::weight))
                    .orElseThrow());
        }
        return result;
    }

    static double total(List<FieldComparison> comparisons) {
        return comparisons.stream().mapToDouble(FieldComparison::weight).sum();
    }

    private FieldComparison weigh(Field field, Comparison c, TermFrequencies tf) {
        FieldLevels levels = rules.fields().get(field);
        Probabilities p = levels.levels().get(c.level());
        if (p == null || !c.level().equalValue()) {
            return new FieldComparison(field, c.level(), levels.weight(c.level()), false);
        }
        double u = tf.adjustedU(field, c.value(), p.u());
        // Agreeing is never evidence against a match, however common the value: floor at 0.
        return new FieldComparison(field, c.level(), Math.max(0, Probabilities.log2(p.m() / u)), u > p.u());
    }
}
