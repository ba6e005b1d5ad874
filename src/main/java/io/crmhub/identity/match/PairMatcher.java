package io.crmhub.identity.match;

import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedPhone;
import io.crmhub.identity.normalize.NormalizedTaxId;
import io.crmhub.identity.normalize.PhoneType;
import java.util.List;

/**
 * Decides one candidate pair: cannot-link rules first (they beat everything, so no rule and no score can merge
 * two legal entities), then deterministic rules, then the Fellegi–Sunter score against the merge and review
 * thresholds. A pair in the review band is reviewed only when enough fields agree
 * ({@code thresholds.review-min-fields}): one sharing a name and nothing else is not a match (rule
 * {@value #TOO_LITTLE_EVIDENCE}). Stateless and thread-safe; the rules are fixed for its lifetime.
 *
 * <p>{@link #compare} explains its decision; {@link #decide} gives the same outcome, rule and score without the
 * field comparisons, for batches that only need the outcome of millions of pairs.
 */
public final class PairMatcher {

    /** The outcome of a pair without its field comparisons; see {@link MatchExplanation} for the fields. */
    public record Decision(Outcome outcome, String rule, double score) {}

    /**
     * The rule of a pair scored in the review band with fewer agreeing fields than the rules ask for. On the
     * evaluation set of a million records 99.8 % of the review band agreed on the name alone, and 2.3 % of those
     * pairs were one customer (docs/identity-evaluation.md).
     */
    public static final String TOO_LITTLE_EVIDENCE = "review-min-fields";

    private final MatchRules rules;
    private final FellegiSunterScorer scorer;

    public PairMatcher(MatchRules rules) {
        this.rules = rules;
        this.scorer = new FellegiSunterScorer(rules);
    }

    public MatchRules rules() {
        return rules;
    }

    /** Compares two records; {@code tf} may be {@link TermFrequencies#none()}. */
    public MatchExplanation compare(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        List<FieldComparison> comparisons = scorer.compare(a, b, tf);
        Decision d = decide(a, b, tf, FellegiSunterScorer.total(comparisons), comparisons);
        return new MatchExplanation(d.outcome(), d.rule(), d.score(), comparisons, rules.version());
    }

    /** What {@link #compare} decides, without building the explanation (but for a pair in the review band). */
    public Decision decide(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        return decide(a, b, tf, scorer.score(a, b, tf), null);
    }

    /** @param comparisons the pair's field comparisons if made already, else null (made here when needed) */
    private Decision decide(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf, double score,
                            List<FieldComparison> comparisons) {
        String cannotLink = cannotLink(a, b);
        if (cannotLink != null) {
            return new Decision(Outcome.NO_MATCH, cannotLink, score);
        }
        String rule = deterministic(a, b, tf);
        if (rule != null) {
            return new Decision(Outcome.MERGE, rule, score);
        }
        MatchRules.Thresholds t = rules.thresholds();
        if (score >= t.merge()) {
            return new Decision(Outcome.MERGE, null, score);
        }
        if (score < t.review()) {
            return new Decision(Outcome.NO_MATCH, null, score);
        }
        if (t.reviewMinFields() > 1
                && agreeing(comparisons == null ? scorer.compare(a, b, tf) : comparisons) < t.reviewMinFields()) {
            return new Decision(Outcome.NO_MATCH, TOO_LITTLE_EVIDENCE, score);
        }
        return new Decision(Outcome.REVIEW, null, score);
    }

    /** Fields whose comparison weighs for the pair: some level of agreement, not missing, not different. */
    private static int agreeing(List<FieldComparison> comparisons) {
        int agreeing = 0;
        for (int i = 0; i < comparisons.size(); i++) {
            agreeing += comparisons.get(i).weight() > 0 ? 1 : 0;
        }
        return agreeing;
    }

    private String cannotLink(NormalizedCustomer a, NormalizedCustomer b) {
        MatchRules.CannotLink c = rules.cannotLink();
        String x = validTaxId(a);
        String y = validTaxId(b);
        if (c.differentTaxIds() && x != null && y != null && !x.equals(y)) {
            return "cannot-link:different-tax-ids";
        }
        if (c.differentResidentIds() && PersonComparisons.differentValidResidentIds(a, b)) {
            return "cannot-link:different-resident-ids";
        }
        if (c.branchAndHeadOffice() && a.name() != null && b.name() != null
                && a.name().branch() != b.name().branch()) {
            return "cannot-link:branch-and-head-office";
        }
        return null;
    }

    private String deterministic(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        MatchRules.Deterministic d = rules.deterministic();
        String taxId = validTaxId(a);
        if (d.sameTaxId() && taxId != null && taxId.equals(validTaxId(b))) {
            return "same-tax-id";
        }
        if (d.sameEmail() && samePersonalEmail(a.emails(), b.emails())) {
            return "same-email";
        }
        if (samePersonalPhone(a, b, tf) && similarNames(a, b, d.samePhone().minNameSimilarity())) {
            return "same-phone-similar-name";
        }
        return null;
    }

    private static boolean similarNames(NormalizedCustomer a, NormalizedCustomer b, double minSimilarity) {
        return FieldComparators.nameSimilarity(a, b) >= minSimilarity
                || a.nameKey() != null && b.nameKey() != null && HanNames.slipOfShortName(a.nameKey(), b.nameKey());
    }

    private static String validTaxId(NormalizedCustomer c) {
        NormalizedTaxId taxId = c.taxId();
        return taxId != null && taxId.valid() ? taxId.value() : null;
    }

    private static boolean samePersonalEmail(List<NormalizedEmail> a, List<NormalizedEmail> b) {
        for (int i = 0; i < a.size(); i++) {
            NormalizedEmail e = a.get(i);
            if (!e.role()) {
                for (int j = 0; j < b.size(); j++) {
                    if (b.get(j).address().equals(e.address())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A shared number that is neither a service line nor a switchboard carried by many records. */
    private boolean samePersonalPhone(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        long maxSharing = rules.deterministic().samePhone().maxRecordsSharing();
        for (int i = 0; i < a.phones().size(); i++) {
            NormalizedPhone p = a.phones().get(i);
            if (p.type() != PhoneType.SERVICE && contains(b.phones(), p.e164()) && tf.count(Field.PHONE, p.e164()) <= maxSharing) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<NormalizedPhone> phones, String e164) {
        for (int i = 0; i < phones.size(); i++) {
            if (phones.get(i).e164().equals(e164)) {
                return true;
            }
        }
        return false;
    }
}
