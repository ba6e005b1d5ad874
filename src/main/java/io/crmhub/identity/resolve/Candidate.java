package io.crmhub.identity.resolve;

import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.match.Outcome;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A linked record compared with the record being resolved, and how the comparison came out. */
record Candidate(LinkedRecord record, NormalizedCustomer normalized, MatchExplanation explanation) {

    /** Strongest first: a deterministic rule beats any score, then higher scores, then a stable key order. */
    static final Comparator<Candidate> STRONGEST_FIRST = Comparator
            .comparing((Candidate c) -> c.explanation().rule() == null)
            .thenComparingDouble(c -> -c.explanation().score())
            .thenComparing(c -> c.record().ref(), Refs.ORDER);

    boolean merges() {
        return explanation.outcome() == Outcome.MERGE;
    }

    boolean forReview() {
        return explanation.outcome() == Outcome.REVIEW;
    }

    /**
     * The review-band candidates outside {@code golden} to open a review with: one per other golden customer, its
     * closest record (the list comes strongest first), so a steward answers "is this record that customer?" once,
     * not once for each of the customer's re-typed copies. Shared by {@link BatchLinker} and {@link ClusterLinker}.
     */
    static List<Candidate> toReview(List<Candidate> strongestFirst, UUID golden) {
        Set<UUID> reviewed = new HashSet<>();
        return strongestFirst.stream().filter(Candidate::forReview).filter(c -> !golden.equals(c.record().goldenId()))
                .filter(c -> reviewed.add(c.record().goldenId())).toList();
    }

    Link asLink(NormalizedCustomer self, int rulesVersion) {
        return new Link(Link.ruleOf(explanation), explanation.score(), record.ref(), explanation, self, rulesVersion);
    }
}
