package io.crmhub.identity.match;

import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedPhone;
import io.crmhub.identity.normalize.PhoneType;
import java.util.List;
import java.util.Optional;

/**
 * Decides one candidate pair: cannot-link rules first (they beat everything, so no rule and no score can merge
 * two legal entities), then deterministic rules, then the Fellegi–Sunter score against the merge and review
 * thresholds. Stateless and thread-safe; the rules are fixed for its lifetime.
 */
public final class PairMatcher {

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
        double score = FellegiSunterScorer.total(comparisons);
        Optional<String> cannotLink = cannotLink(a, b);
        if (cannotLink.isPresent()) {
            return explain(Outcome.NO_MATCH, "cannot-link:" + cannotLink.get(), score, comparisons);
        }
        Optional<String> rule = deterministic(a, b, tf);
        if (rule.isPresent()) {
            return explain(Outcome.MERGE, rule.get(), score, comparisons);
        }
        MatchRules.Thresholds t = rules.thresholds();
        Outcome outcome = score >= t.merge() ? Outcome.MERGE : score >= t.review() ? Outcome.REVIEW : Outcome.NO_MATCH;
        return explain(outcome, null, score, comparisons);
    }

    private Optional<String> cannotLink(NormalizedCustomer a, NormalizedCustomer b) {
        MatchRules.CannotLink c = rules.cannotLink();
        if (c.differentTaxIds() && a.validTaxId().isPresent() && b.validTaxId().isPresent()
                && !a.validTaxId().equals(b.validTaxId())) {
            return Optional.of("different-tax-ids");
        }
        if (c.branchAndHeadOffice() && a.name() != null && b.name() != null
                && a.name().branch() != b.name().branch()) {
            return Optional.of("branch-and-head-office");
        }
        return Optional.empty();
    }

    private Optional<String> deterministic(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        MatchRules.Deterministic d = rules.deterministic();
        if (d.sameTaxId() && a.validTaxId().isPresent() && a.validTaxId().equals(b.validTaxId())) {
            return Optional.of("same-tax-id");
        }
        if (d.sameEmail() && a.emails().stream().filter(e -> !e.role()).map(NormalizedEmail::address)
                .anyMatch(x -> b.emails().stream().anyMatch(e -> e.address().equals(x)))) {
            return Optional.of("same-email");
        }
        if (samePersonalPhone(a, b, tf) && (FieldComparators.nameSimilarity(a, b) >= d.samePhone().minNameSimilarity()
                || a.nameKey() != null && b.nameKey() != null && HanNames.slipOfShortName(a.nameKey(), b.nameKey()))) {
            return Optional.of("same-phone-similar-name");
        }
        return Optional.empty();
    }

    /** A shared number that is neither a service line nor a switchboard carried by many records. */
    private boolean samePersonalPhone(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf) {
        long maxSharing = rules.deterministic().samePhone().maxRecordsSharing();
        return a.phones().stream()
                .filter(p -> p.type() != PhoneType.SERVICE)
                .map(NormalizedPhone::e164)
                .filter(x -> tf.count(Field.PHONE, x) <= maxSharing)
                .anyMatch(x -> b.phones().stream().anyMatch(p -> p.e164().equals(x)));
    }

    private MatchExplanation explain(Outcome outcome, String rule, double score, List<FieldComparison> comparisons) {
        return new MatchExplanation(outcome, rule, score, comparisons, rules.version());
    }
}
