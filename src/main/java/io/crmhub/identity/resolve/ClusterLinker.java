package io.crmhub.identity.resolve;

import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.resolve.GoldenRepository.GoldenRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns one record's comparisons into links: join the golden customer it matches, merge every other golden
 * it also matches into the oldest (whose id survives), or start a new one; a changed record that no longer
 * matches anyone in its golden customer moves out. {@link ClusterGuard} refuses joins that would chain two
 * legal entities or grow a cluster past the cap; such pairs go to review instead. Runs under the resolver's
 * locks, in the apply transaction.
 */
@Component
class ClusterLinker {

    private final IdentityRepository links;
    private final GoldenRepository goldens;
    private final GoldenRecords records;
    private final IdentityDecisions decisions;
    private final ReviewQueue reviews;
    private final MatchRules rules;
    private final CustomerNormalizer normalizer;
    private final String actor;

    ClusterLinker(IdentityRepository links, GoldenRepository goldens, GoldenRecords records,
                  IdentityDecisions decisions, ReviewQueue reviews, MatchRules rules, CustomerNormalizer normalizer,
                  IdentityProperties properties) {
        this.links = links;
        this.goldens = goldens;
        this.records = records;
        this.decisions = decisions;
        this.reviews = reviews;
        this.rules = rules;
        this.normalizer = normalizer;
        this.actor = properties.actor();
    }

    void link(LinkedRecord self, NormalizedCustomer normalized, List<Candidate> candidates) {
        Map<UUID, Candidate> best = new LinkedHashMap<>();
        candidates.stream().filter(Candidate::merges).forEach(c -> best.putIfAbsent(c.record().goldenId(), c));
        UUID current = self.goldenId();
        Set<UUID> involved = new HashSet<>(best.keySet());
        if (current != null) {
            involved.add(current);
        }
        Map<UUID, GoldenRow> rows = new LinkedHashMap<>();
        goldens.lockAll(involved).forEach(r -> rows.put(r.id(), r));
        requireFresh(self, rows);
        boolean stays = current != null && (best.containsKey(current) || self.linkedByPerson()
                || rows.get(current).memberCount() <= 1);
        ClusterGuard guard = new ClusterGuard(rules, r -> normalizer.normalize(r.customer()), links::cannotLinkWith);
        if (stays) {
            guard.add(links.members(current));
        } else {
            guard.add(self.ref(), normalized);
        }
        List<UUID> accepted = accept(self, best, current, guard);
        if (stays) {
            accepted.add(current); // the oldest of them all keeps its id, even when that is not ours
        }
        UUID survivor = oldest(accepted, rows);
        if (survivor == null) {
            survivor = records.create(self);
            links.upsertLink(self.ref(), survivor, new Link(Link.NEW, null, null, null, normalized, rules.version()));
            decide(current == null ? DecisionKind.CREATED : DecisionKind.RELINKED, survivor, current, self, null);
        } else {
            absorb(self, survivor, accepted, best);
            Candidate via = best.get(survivor);
            if (via != null) {
                links.upsertLink(self.ref(), survivor, via.asLink(normalized, rules.version()));
            }
            if (!stays) {
                decide(current == null ? DecisionKind.LINKED : DecisionKind.RELINKED, survivor, current, self, via);
            }
            records.refresh(survivor); // a new golden customer was survived from its one record when created
        }
        if (current != null && !current.equals(survivor)) {
            records.refresh(current);
        }
        openReviews(self, candidates, survivor);
    }

    /**
     * While we waited for the golden rows, another resolution (holding other keys) may have merged one of them
     * away or moved our own link: then what we compared is stale, and the resolver compares again.
     */
    private void requireFresh(LinkedRecord self, Map<UUID, GoldenRow> rows) {
        boolean merged = rows.values().stream().anyMatch(r -> "MERGED".equals(r.status()));
        UUID now = links.record(self.ref()).map(LinkedRecord::goldenId).orElse(null);
        if (merged || !java.util.Objects.equals(now, self.goldenId())) {
            throw new StaleViewException();
        }
    }

    /** The comparisons were made against golden customers that changed before we could lock them. */
    static final class StaleViewException extends RuntimeException {
        StaleViewException() {
            super("identity view changed while waiting for locks", null, false, false);
        }
    }

    /** Every source record of the golden customer may be deleted now: then it is inactive. */
    void deleted(LinkedRecord self) {
        if (self.goldenId() != null && !records.refresh(self.goldenId())) {
            decisions.record(new Decision(DecisionKind.DEACTIVATED, self.goldenId(), null, self.ref(), null, null,
                    actor, Map.of()));
        }
    }

    private List<UUID> accept(LinkedRecord self, Map<UUID, Candidate> best, UUID current, ClusterGuard guard) {
        List<UUID> accepted = new ArrayList<>();
        for (Map.Entry<UUID, Candidate> target : best.entrySet()) {
            if (target.getKey().equals(current)) {
                continue; // already in it
            }
            List<LinkedRecord> members = links.members(target.getKey());
            Optional<String> conflict = guard.conflict(members);
            if (conflict.isEmpty()) {
                guard.add(members);
                accepted.add(target.getKey());
            } else {
                refused(self, target.getValue(), conflict.get());
            }
        }
        return accepted;
    }

    private void refused(LinkedRecord self, Candidate candidate, String why) {
        if (why.equals("cluster-size-cap")) {
            decisions.record(new Decision(DecisionKind.CAPPED, candidate.record().goldenId(), null, self.ref(),
                    Link.ruleOf(candidate.explanation()), candidate.explanation().score(), actor,
                    Map.of("maxClusterSize", rules.clustering().maxClusterSize())));
        }
        openReview(self, candidate, why);
    }

    private void absorb(LinkedRecord self, UUID survivor, List<UUID> accepted, Map<UUID, Candidate> best) {
        for (UUID absorbed : accepted) {
            if (absorbed.equals(survivor)) {
                continue;
            }
            links.repoint(absorbed, survivor);
            goldens.markMerged(absorbed, survivor);
            // our own former golden has no candidate of its own: the match that moved us moved it
            Candidate via = best.containsKey(absorbed) ? best.get(absorbed) : best.get(survivor);
            decisions.record(new Decision(DecisionKind.MERGED, survivor, absorbed, self.ref(),
                    Link.ruleOf(via.explanation()), via.explanation().score(), actor,
                    Map.of("via", via.record().ref().qualifiedKey())));
        }
    }

    /** The golden customer that keeps its id in a merge: the oldest row, ties by id; null for none. */
    static UUID oldest(List<UUID> ids, Map<UUID, GoldenRow> rows) {
        return ids.stream().min(Comparator.comparing((UUID id) -> rows.get(id).createdAt())
                .thenComparing(UUID::toString)).orElse(null);
    }

    private void openReviews(LinkedRecord self, List<Candidate> candidates, UUID golden) {
        Candidate.toReview(candidates, golden).forEach(c -> openReview(self, c, "score"));
    }

    private void openReview(LinkedRecord self, Candidate c, String why) {
        if (reviews.open(self.ref(), c.record().ref(), c.explanation())) {
            decisions.record(new Decision(DecisionKind.REVIEW_OPENED, c.record().goldenId(), null, self.ref(), why,
                    c.explanation().score(), actor, Map.of("with", c.record().ref().qualifiedKey())));
        }
    }

    private void decide(DecisionKind kind, UUID golden, UUID from, LinkedRecord self, Candidate via) {
        decisions.record(new Decision(kind, golden, from, self.ref(),
                via == null ? Link.NEW : Link.ruleOf(via.explanation()), via == null ? null : via.explanation().score(),
                actor, via == null ? Map.of() : Map.of("via", via.record().ref().qualifiedKey())));
    }
}
