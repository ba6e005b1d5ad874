package io.crmhub.identity.match;

import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.List;

/**
 * Weighs each field's comparison level and sums the weights (Fellegi–Sunter, in bits).
 *
 * <p>Term-frequency adjustment: when both records hold the same value v on an equal-value level (exact,
 * pinyin, shared), the agreement weight is log2(m / u_tf) with u_tf = max(u, count(v) / total) — see
 * {@link TermFrequencies#adjustedU}. A value carried by many records (王伟, a switchboard, info@) thus weighs
 * about log2(m / its frequency) instead of the level's log2(m / u), never below 0. Fuzzy, different and
 * missing levels are not adjusted: their values differ, so no single frequency describes them.
 *
 * <p>{@link #score} and {@link #compare} run the same code, so the score of an explanation is the score a batch
 * decides on; the first only skips building the explanation.
 */
final class FellegiSunterScorer {

    private final FieldComparators comparators;

    FellegiSunterScorer(MatchRules rules) {
        this.comparators = new FieldComparators(rules.nameSimilarity(), new Weights(rules));
    }

    /** The total in bits, fields summed in {@link Field} order. */
    double score(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        double score = comparators.name(a, b, tf, null);
        score += comparators.phones(a.phones(), b.phones(), tf, null);
        score += comparators.emails(a.emails(), b.emails(), tf, null);
        return score + comparators.addresses(a.addresses(), b.addresses(), tf, null);
    }

    /** One comparison per field, in {@link Field} order; their weights sum to {@link #score}. */
    List<FieldComparison> compare(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        List<FieldComparison> result = new ArrayList<>(Field.values().length);
        Weights.Best best = new Weights.Best();
        for (Field field : Field.values()) {
            best.level = null;
            double w = switch (field) {
                case NAME -> comparators.name(a, b, tf, best);
                case PHONE -> comparators.phones(a.phones(), b.phones(), tf, best);
                case EMAIL -> comparators.emails(a.emails(), b.emails(), tf, best);
                case ADDRESS -> comparators.addresses(a.addresses(), b.addresses(), tf, best);
            };
            result.add(new FieldComparison(field, best.level, w, best.tfAdjusted));
        }
        return result;
    }

    static double total(List<FieldComparison> comparisons) {
        double score = 0;
        for (FieldComparison c : comparisons) {
            score += c.weight();
        }
        return score;
    }
}
