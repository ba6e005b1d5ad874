package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.golden.GoldenRecord;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What a batch decided, written in a fixed number of statements: new golden customers first (links point at
 * them), then merges of golden customers (three statements each), links, decisions in decision order, reviews,
 * and one survivorship refresh per touched golden.
 */
final class BatchPlan {

    private final Map<UUID, List<LinkedRecord>> created = new LinkedHashMap<>();
    private final Map<EntityRef, Map.Entry<UUID, Link>> links = new LinkedHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final Set<UUID> touched = new LinkedHashSet<>();
    private final List<Review> reviews = new ArrayList<>();
    /** The stored version each linked record was decided on (its link's normalised form is of that version). */
    private final Map<EntityRef, Long> sequences = new LinkedHashMap<>();
    /** Records that stay without a new link: their link's form is brought up to the version now stored. */
    private final Map<EntityRef, Map.Entry<Long, NormalizedCustomer>> stayed = new LinkedHashMap<>();
    /** Golden customers merged into another (absorbed, survivor), in decision order. */
    private final List<Map.Entry<UUID, UUID>> merges = new ArrayList<>();

    private record Review(LinkedRecord self, Candidate candidate, String why) {}

    /** Writes one merge: the absorbed golden customer's links re-pointed, its row marked MERGED into the survivor. */
    @FunctionalInterface
    interface Merger {
        void merge(UUID absorbed, UUID survivor);
    }

    UUID create(LinkedRecord first, Link link, Decision decision) {
        UUID id = decision.golden();
        created.computeIfAbsent(id, x -> new ArrayList<>()).add(first);
        links.put(first.ref(), Map.entry(id, link));
        sequences.put(first.ref(), first.sequence());
        decisions.add(decision);
        return id;
    }

    boolean isNew(UUID golden) {
        return created.containsKey(golden);
    }

    /** Of these golden customers created by the plan, the one created first. */
    UUID oldestCreated(java.util.Collection<UUID> goldens) {
        return created.keySet().stream().filter(goldens::contains).findFirst().orElseThrow();
    }

    List<LinkedRecord> createdMembers(UUID golden) {
        return created.getOrDefault(golden, List.of());
    }

    void link(LinkedRecord self, UUID golden, Link link, Decision decision) {
        links.put(self.ref(), Map.entry(golden, link));
        sequences.put(self.ref(), self.sequence());
        if (decision != null) {
            decisions.add(decision);
        }
        if (created.containsKey(golden)) {
            created.get(golden).add(self);
        } else {
            touched.add(golden);
        }
    }

    /** The record stays where it is; its golden customer is survived again (its fields may have changed). */
    void stay(LinkedRecord self, UUID golden, Link link, NormalizedCustomer normalized) {
        if (link != null) {
            links.put(self.ref(), Map.entry(golden, link));
            sequences.put(self.ref(), self.sequence());
        } else {
            stayed.put(self.ref(), Map.entry(self.sequence(), normalized));
        }
        touched.add(golden);
    }

    /**
     * A golden customer merged into another (the absorbed one stored or created by this plan; its row is written
     * first either way): its links (the batch's own included) go to the survivor, it is marked MERGED and no longer
     * survived itself; the survivor is survived again from all its members once the plan's links are written.
     */
    void merge(UUID absorbed, UUID survivor, Decision decision) {
        merges.add(Map.entry(absorbed, survivor));
        decisions.add(decision);
        links.replaceAll((ref, link) -> link.getKey().equals(absorbed) ? Map.entry(survivor, link.getValue()) : link);
        touched.remove(absorbed);
        touched.add(survivor);
    }

    void review(LinkedRecord self, Candidate candidate, String why) {
        reviews.add(new Review(self, candidate, why));
    }

    void decide(Decision decision) {
        decisions.add(decision);
    }

    /**
     * @param membersOf a touched golden customer's members as they are once the plan is written: read under the
     *                  batch's golden locks, plus the batch's records the plan links to it (survivorship depends on
     *                  the set of members only, not on their order)
     */
    void write(IdentityBatchRepository batch, GoldenRecords records, IdentityDecisions recorder, ReviewQueue queue,
               String actor, Function<UUID, List<LinkedRecord>> membersOf, Merger merger) {
        if (!created.isEmpty()) {
            Map<UUID, GoldenRecord> goldens = new LinkedHashMap<>();
            Map<UUID, Integer> sizes = new LinkedHashMap<>();
            List<UUID> ids = List.copyOf(created.keySet());
            List<GoldenRecord> survived = ids.parallelStream().map(id -> records.survive(created.get(id))).toList();
            for (int i = 0; i < ids.size(); i++) {
                goldens.put(ids.get(i), survived.get(i));
                sizes.put(ids.get(i), created.get(ids.get(i)).size());
            }
            batch.insertGoldens(goldens, sizes);
        }
        // in decision order: a survivor absorbed later in the batch passes its members on again
        merges.forEach(m -> merger.merge(m.getKey(), m.getValue()));
        if (!links.isEmpty()) {
            batch.upsertLinks(links, sequences);
        }
        batch.refreshForms(stayed);
        // reviews in one statement; a review a batch opens is decided after the batch's own decisions
        boolean[] opened = queue.openAll(reviews.stream().map(r -> new ReviewQueue.Pending(r.self().ref(),
                r.candidate().record().ref(), r.candidate().explanation())).toList());
        for (int i = 0; i < reviews.size(); i++) {
            if (opened[i]) {
                Review r = reviews.get(i);
                Candidate c = r.candidate();
                decisions.add(new Decision(DecisionKind.REVIEW_OPENED, c.record().goldenId(), null,
                        r.self().ref(), r.why(), c.explanation().score(), actor,
                        Map.of("with", c.record().ref().qualifiedKey())));
            }
        }
        recorder.recordAll(decisions);
        if (!touched.isEmpty()) {
            Map<UUID, List<LinkedRecord>> members = new LinkedHashMap<>();
            touched.forEach(id -> members.put(id, membersOf.apply(id)));
            List<MapSqlParameterSource> updates = members.entrySet().parallelStream()
                    .filter(e -> e.getValue().stream().anyMatch(m -> m.customer() != null))
                    .map(e -> records.refreshed(e.getKey(), e.getValue())).toList();
            batch.updateGoldens(updates);
        }
    }
}
