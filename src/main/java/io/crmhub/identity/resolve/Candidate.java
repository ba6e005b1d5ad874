package io.crmhub.identity.resolve;

import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.match.Outcome;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.Comparator;

/** A linked record compared with the record being resolved, and how the comparison came out. */
record Candidate(LinkedRecord record, NormalizedCustomer normalized, MatchExplanation explanation) {

    /** Strongest first: a deterministic rule beats any score, then higher scores, then a stable key order. */
    static final Comparator<Candidate> STRONGEST_FIRST = Comparator
            .comparing((Candidate c) -> c.explanation().rule() == null)
            .thenComparing(c -> -c.explanation().score())
            .thenComparing(c -> c.record().ref(), Refs.ORDER);

    boolean merges() {
        return explanation.outcome() == Outcome.MERGE;
    }

    boolean forReview() {
        return explanation.outcome() == Outcome.REVIEW;
    }

    Link asLink(NormalizedCustomer self, int rulesVersion) {
        return new Link(Link.ruleOf(explanation), explanation.score(), record.ref(), explanation, self, rulesVersion);
    }
}
