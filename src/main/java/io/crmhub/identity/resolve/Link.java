package io.crmhub.identity.resolve;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.normalize.NormalizedCustomer;

/**
 * How one record came to be linked to its golden customer.
 *
 * @param rule         {@code new}, a deterministic rule, {@code score}, {@code manual-merge}, {@code unmerge} ...
 * @param score        Fellegi–Sunter score against {@code via}; null when nothing was compared
 * @param via          the linked record the decision compared against; null for a new golden customer
 * @param explanation  the field comparisons; null when nothing was compared
 * @param normalized   what matching saw of this record
 * @param rulesVersion match-rules.yaml version that decided
 */
record Link(String rule, Double score, EntityRef via, MatchExplanation explanation, NormalizedCustomer normalized,
            int rulesVersion) {

    static final String NEW = "new";

    String explanationJson() {
        return explanation == null ? null : CanonicalJson.write(explanation);
    }

    String normalizedJson() {
        return CanonicalJson.write(normalized);
    }

    /** The rule that decided a match: the deterministic rule, or {@code score}. */
    static String ruleOf(MatchExplanation explanation) {
        return explanation.rule() == null ? "score" : explanation.rule();
    }
}
