package io.crmhub.identity.match;

import io.crmhub.identity.normalize.NormalizedCustomer;
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

    private static final Field[] FIELDS = Field.values();

    private final FieldComparators comparators;
    private final FieldComparison[][] unadjusted;

    FellegiSunterScorer(MatchRules rules) {
        this.comparators = new FieldComparators(rules.nameSimilarity(), new Weights(rules));
        Level[] levels = Level.values();
        this.unadjusted = new FieldComparison[FIELDS.length][levels.length];
        for (Field field : FIELDS) {
            for (Level level : levels) {
                double w = rules.fields().get(field).weight(level);
                unadjusted[field.ordinal()][level.ordinal()] = new FieldComparison(field, level, w, false);
            }
        }
    }

    /** The total in bits, fields summed in {@link Field} order. */
    double score(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        double score = comparators.name(a, b, tf, null);
        score += comparators.phones(a.phones(), b.phones(), tf, null);
        score += comparators.emails(a.emails(), b.emails(), tf, null);
        score += comparators.addresses(a.addresses(), b.addresses(), tf, null);
        score += comparators.documents(a.documents(), b.documents(), tf, null);
        return score + comparators.birthDates(a.birthDate(), b.birthDate(), tf, null);
    }

    /** One comparison per field, in {@link Field} order; their weights sum to {@link #score}. */
    List<FieldComparison> compare(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        FieldComparison[] result = new FieldComparison[FIELDS.length];
        Weights.Best best = new Weights.Best();
        for (Field field : FIELDS) {
            best.level = null;
            double w = switch (field) {
                case NAME -> comparators.name(a, b, tf, best);
                case PHONE -> comparators.phones(a.phones(), b.phones(), tf, best);
                case EMAIL -> comparators.emails(a.emails(), b.emails(), tf, best);
                case ADDRESS -> comparators.addresses(a.addresses(), b.addresses(), tf, best);
                case DOCUMENT -> comparators.documents(a.documents(), b.documents(), tf, best);
                case BIRTH_DATE -> comparators.birthDates(a.birthDate(), b.birthDate(), tf, best);
            };
            result[field.ordinal()] = comparison(field, best.level, w, best.tfAdjusted);
        }
        return List.of(result);
    }

    /** Unadjusted comparisons are shared: a batch keeps millions of review pairs with their explanations. */
    private FieldComparison comparison(Field field, Level level, double weight, boolean tfAdjusted) {
        FieldComparison shared = unadjusted[field.ordinal()][level.ordinal()];
        return !tfAdjusted && Double.compare(shared.weight(), weight) == 0 ? shared
                : new FieldComparison(field, level, weight, tfAdjusted);
    }

    static double total(List<FieldComparison> comparisons) {
        double score = 0;
        for (FieldComparison c : comparisons) {
            score += c.weight();
        }
        return score;
    }
}
