package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The in-memory half of batch resolution. Each record is compared with the stored candidates of its usable block
 * keys (fetched for the whole batch in one query) and with the batch's records decided before it, then decided
 * with the same rules as {@link ClusterLinker}: no match starts a golden customer, matches into exactly one golden
 * customer join it (unless {@link ClusterGuard} refuses: review instead), a new record matching several golden
 * customers (stored, or created earlier in the batch) merges them (the oldest keeps its id), a changed record still
 * matching its golden customer stays. Anything else (a changed record merging its golden customer with others or
 * leaving it, a delete, a golden customer merged away under us) is returned for {@link IdentityResolver}.
 */
@Component
class BatchLinker {

    private final IdentityBatchRepository batch;
    private final GoldenRepository goldens;
    private final IdentityRepository identity;
    private final GoldenRecords records;
    private final IdentityDecisions decisions;
    private final ReviewQueue reviews;
    private final MatchRules rules;
    private final PairMatcher matcher;
    private final String actor;
    private final RecordCache cache;

    BatchLinker(IdentityBatchRepository batch, GoldenRepository goldens, IdentityRepository identity,
                GoldenRecords records, IdentityDecisions decisions, ReviewQueue reviews, PairMatcher matcher,
                IdentityProperties properties, RecordCache cache) {
        this.cache = cache;
        this.batch = batch;
        this.goldens = goldens;
        this.identity = identity;
        this.records = records;
        this.decisions = decisions;
        this.reviews = reviews;
        this.rules = matcher.rules();
        this.matcher = matcher;
        this.actor = properties.actor();
    }

    /**
     * Decides and writes what the batch can decide alone; returns the records left for one-by-one resolution.
     *
     * @param narrow the usable keys whose blocks are narrow: sharing one makes a candidate, sharing only wider ones
     *               takes two (as the dry run's blocking, {@link io.crmhub.identity.match.Blocker})
     * @param heldOutside the usable keys a stored record outside the batch carries
     *                    ({@link BatchResolver#heldOutside}): only these are looked up in the store
     */
    List<EntityRef> link(List<LinkedRecord> batchRecords, Map<EntityRef, NormalizedCustomer> normalized,
                         Map<EntityRef, Set<String>> usable, Set<String> narrow, TermFrequencies tf,
                         Set<String> heldOutside) {
        Set<EntityRef> inBatch = new HashSet<>();
        batchRecords.forEach(r -> inBatch.add(r.ref()));
        // heldOutside is already the usable keys worth a lookup: one only the batch's records carry finds nothing
        IdentityBatchRepository.Found found = batch.candidates(heldOutside, narrow);
        Map<String, List<LinkedRecord>> byKey = found.byKey();
        Set<UUID> current = new HashSet<>();
        batchRecords.stream().filter(r -> r.goldenId() != null).forEach(r -> current.add(r.goldenId()));
        Map<UUID, List<LinkedRecord>> currentMembers = batch.members(current);
        Map<EntityRef, Set<EntityRef>> apart = new HashMap<>(batch.cannotLinks(inBatch));
        Map<EntityRef, NormalizedCustomer> seen = new ConcurrentHashMap<>(normalized);
        found.forms().forEach(seen::putIfAbsent); // candidates read as their stored form, without their payload

        // Comparisons with stored records are independent of one another: both cores compare (the matcher and
        // the normaliser are stateless, the cache is synchronised).
        Map<EntityRef, List<Candidate>> compared = new ConcurrentHashMap<>();
        batchRecords.parallelStream().filter(self -> !self.deleted()).forEach(self -> {
            Map<EntityRef, LinkedRecord> others = blockedWith(usable.get(self.ref()), byKey, narrow);
            others.keySet().removeAll(inBatch);
            if (self.goldenId() != null) {
                // a changed record must still match someone in its golden customer to stay there
                BatchResolver.listOf(currentMembers, self.goldenId()).stream()
                        .filter(m -> !m.deleted() && !inBatch.contains(m.ref()))
                        .forEach(m -> others.putIfAbsent(m.ref(), m));
            }
            List<Candidate> candidates = new ArrayList<>();
            Set<EntityRef> notWith = apart.getOrDefault(self.ref(), Set.of());
            for (LinkedRecord other : others.values()) {
                if (other.goldenId() != null && (other.customer() != null || seen.containsKey(other.ref()))
                        && !notWith.contains(other.ref())) {
                    NormalizedCustomer theirs = seen.get(other.ref());
                    if (theirs == null) {
                        theirs = cache.normalized(other);
                        seen.putIfAbsent(other.ref(), theirs);
                    }
                    candidates.add(new Candidate(other, theirs, matcher.compare(normalized.get(self.ref()), theirs, tf)));
                }
            }
            compared.put(self.ref(), candidates);
        });
        Set<UUID> involved = new HashSet<>(current);
        compared.values().forEach(list -> list.stream().filter(Candidate::merges)
                .forEach(c -> involved.add(c.record().goldenId())));
        // Lock the golden rows we may join or keep (in id order), then read their members as they now are.
        Set<UUID> merged = new HashSet<>();
        Map<UUID, GoldenRepository.GoldenRow> locked = new HashMap<>();
        goldens.lockAll(involved).forEach(r -> {
            locked.put(r.id(), r);
            if ("MERGED".equals(r.status())) {
                merged.add(r.id());
            }
        });
        Map<UUID, List<LinkedRecord>> members = batch.members(involved);
        Set<EntityRef> memberRefs = new HashSet<>();
        members.values().forEach(list -> list.forEach(m -> memberRefs.add(m.ref())));
        memberRefs.removeAll(inBatch);
        batch.cannotLinks(memberRefs).forEach((ref, set) -> apart.computeIfAbsent(ref, x -> new HashSet<>()).addAll(set));

        Decider decider = new Decider(normalized, usable, narrow, tf, members, merged, locked, apart, seen);
        List<EntityRef> rest = new ArrayList<>();
        for (LinkedRecord self : batchRecords) {
            if (self.deleted() || !decider.decide(self, compared.get(self.ref()))) {
                rest.add(self.ref());
            }
        }
        decider.plan.write(batch, records, decisions, reviews, actor, decider::membersOf, (absorbed, survivor) -> {
            identity.repoint(absorbed, survivor);
            goldens.markMerged(absorbed, survivor);
        });
        return rest;
    }

    /**
     * The records of {@code byKey} that share a narrow one of a record's usable {@code keys}, or two of them, in the
     * order first met. A record is one object on every list of {@code byKey} it is on (one per row the candidate query
     * reads, one per record the batch decided), so records are told apart by identity: hashing a reference reads
     * its three strings, for every member of every block, batch after batch.
     */
    private static Map<EntityRef, LinkedRecord> blockedWith(Set<String> keys, Map<String, List<LinkedRecord>> byKey,
                                                            Set<String> narrow) {
        int listed = 0;
        for (String key : keys) {
            List<LinkedRecord> block = byKey.get(key);
            listed += block == null ? 0 : block.size();
        }
        Map<EntityRef, LinkedRecord> met = new LinkedHashMap<>();
        if (listed == 0) {
            return met; // most records of a stream of new customers meet nobody
        }
        Map<LinkedRecord, Boolean> kept = new IdentityHashMap<>(listed);
        List<LinkedRecord> order = new ArrayList<>(listed);
        for (String key : keys) {
            boolean enough = narrow.contains(key);
            for (LinkedRecord o : BatchResolver.listOf(byKey, key)) {
                Boolean before = kept.put(o, Boolean.TRUE);
                if (before == null) {
                    order.add(o);
                    if (!enough) {
                        kept.put(o, Boolean.FALSE); // met once, through a wide block: not yet a candidate
                    }
                }
            }
        }
        for (LinkedRecord o : order) {
            if (kept.get(o)) {
                met.put(o.ref(), o);
            }
        }
        return met;
    }

    /** Sequential decisions over the batch, each seeing the ones before it. */
    private final class Decider {
        final BatchPlan plan = new BatchPlan();
        final Map<EntityRef, NormalizedCustomer> normalized;
        final Map<EntityRef, Set<String>> usable;
        final Set<String> narrow;
        final TermFrequencies tf;
        final Map<UUID, List<LinkedRecord>> members;
        final Set<UUID> merged;
        /** The golden rows this batch locked (the only ones it may merge), by id. */
        final Map<UUID, GoldenRepository.GoldenRow> locked;
        /** Golden customers this batch merged away, to the one each now belongs to. */
        final Map<UUID, UUID> absorbedInto = new HashMap<>();
        final Map<EntityRef, Set<EntityRef>> apart;
        final Map<EntityRef, NormalizedCustomer> seen;
        final Map<String, List<LinkedRecord>> decidedByKey = new HashMap<>();
        final Map<UUID, List<LinkedRecord>> decidedByGolden = new HashMap<>();

        Decider(Map<EntityRef, NormalizedCustomer> normalized, Map<EntityRef, Set<String>> usable, Set<String> narrow,
                TermFrequencies tf,
                Map<UUID, List<LinkedRecord>> members, Set<UUID> merged,
                Map<UUID, GoldenRepository.GoldenRow> locked, Map<EntityRef, Set<EntityRef>> apart,
                Map<EntityRef, NormalizedCustomer> seen) {
            this.normalized = normalized;
            this.usable = usable;
            this.narrow = narrow;
            this.tf = tf;
            this.members = members;
            this.merged = merged;
            this.locked = locked;
            this.apart = apart;
            this.seen = seen;
        }

        /** Decides one record into the plan; false when it needs the one-by-one path. */
        boolean decide(LinkedRecord self, List<Candidate> stored) {
            NormalizedCustomer mine = normalized.get(self.ref());
            List<Candidate> candidates = new ArrayList<>(stored);
            candidates.addAll(earlierInBatch(self, mine));
            if (!absorbedInto.isEmpty()) {
                // a candidate of a golden customer this batch merged away belongs to the survivor now
                candidates.replaceAll(c -> absorbedInto.containsKey(c.record().goldenId())
                        ? new Candidate(withGolden(c.record(), owner(c.record().goldenId())), c.normalized(),
                                c.explanation()) : c);
            }
            candidates.sort(Candidate.STRONGEST_FIRST);
            Map<UUID, Candidate> best = new LinkedHashMap<>();
            candidates.stream().filter(Candidate::merges).forEach(c -> best.putIfAbsent(c.record().goldenId(), c));
            UUID current = self.goldenId();
            if (merged.contains(current) || best.keySet().stream().anyMatch(merged::contains)) {
                return false; // merged away while we waited for its lock: the one-by-one path compares again
            }
            if (absorbedInto.containsKey(current)) {
                return false; // its golden customer was merged into another by this batch: one by one, as it now is
            }
            UUID golden;
            if (current == null && best.isEmpty()) {
                golden = create(self, mine);
            } else if (current == null && best.size() == 1) {
                golden = join(self, mine, best.keySet().iterator().next(), best.values().iterator().next());
            } else if (current == null && mergeable(best.keySet())) {
                golden = merge(self, mine, best);
            } else if (current != null && best.keySet().stream().allMatch(current::equals)
                    && (best.containsKey(current) || self.linkedByPerson() || size(current) <= 1)) {
                golden = current;
                Candidate via = best.get(current);
                plan.stay(self, current, via == null ? null : via.asLink(mine, rules.version()), mine);
            } else {
                return false; // a record leaving its golden customer, or merging its own with others
            }
            Candidate.toReview(candidates, golden).forEach(c -> plan.review(self, c, "score"));
            LinkedRecord decided = withGolden(self, golden);
            usable.get(self.ref()).forEach(k -> decidedByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(decided));
            decidedByGolden.computeIfAbsent(golden, x -> new ArrayList<>()).add(decided);
            return true;
        }

        private UUID create(LinkedRecord self, NormalizedCustomer mine) {
            UUID id = GoldenIds.next();
            return plan.create(self, new Link(Link.NEW, null, null, null, mine, rules.version()),
                    new Decision(DecisionKind.CREATED, id, null, self.ref(), Link.NEW, null, actor, Map.of()));
        }

        private UUID join(LinkedRecord self, NormalizedCustomer mine, UUID target, Candidate via) {
            ClusterGuard guard = new ClusterGuard(rules, cache::normalized,
                    ref -> List.copyOf(apart.getOrDefault(ref, Set.of())));
            guard.add(self.ref(), mine);
            Optional<String> conflict = guard.conflict(membersOf(target));
            if (conflict.isPresent()) {
                refused(self, target, via, conflict.get());
                return create(self, mine);
            }
            plan.link(self, target, via.asLink(mine, rules.version()),
                    new Decision(DecisionKind.LINKED, target, null, self.ref(), Link.ruleOf(via.explanation()),
                            via.explanation().score(), actor, Map.of("via", via.record().ref().qualifiedKey())));
            return target;
        }

        /** The golden customer a golden id now belongs to: itself, or the one this batch merged it into. */
        private UUID owner(UUID golden) {
            UUID owner = golden;
            while (absorbedInto.containsKey(owner)) {
                owner = absorbedInto.get(owner);
            }
            return owner;
        }

        /** Whether the batch can merge these golden customers itself: each created by it or stored and locked by it. */
        private boolean mergeable(Set<UUID> goldens) {
            return goldens.stream().allMatch(g -> plan.isNew(g) || locked.containsKey(g));
        }

        /**
         * A new record matching several golden customers joins them all, as {@link ClusterLinker#link} decides it:
         * each is accepted in turn unless {@link ClusterGuard} refuses it (capped or kept apart: a review instead),
         * the oldest accepted keeps its id and absorbs the others (their links follow, they become MERGED).
         */
        private UUID merge(LinkedRecord self, NormalizedCustomer mine, Map<UUID, Candidate> best) {
            ClusterGuard guard = new ClusterGuard(rules, cache::normalized,
                    ref -> List.copyOf(apart.getOrDefault(ref, Set.of())));
            guard.add(self.ref(), mine);
            List<UUID> accepted = new ArrayList<>();
            for (Map.Entry<UUID, Candidate> target : best.entrySet()) {
                List<LinkedRecord> theirs = membersOf(target.getKey());
                Optional<String> conflict = guard.conflict(theirs);
                if (conflict.isEmpty()) {
                    guard.add(theirs);
                    accepted.add(target.getKey());
                } else {
                    refused(self, target.getKey(), target.getValue(), conflict.get());
                }
            }
            if (accepted.isEmpty()) {
                return create(self, mine);
            }
            // the oldest stored one; golden customers this batch created are younger than any stored, in plan order
            UUID survivor = ClusterLinker.oldest(accepted.stream().filter(id -> !plan.isNew(id)).toList(), locked);
            if (survivor == null) {
                survivor = plan.oldestCreated(accepted);
            }
            for (UUID absorbed : accepted) {
                if (!absorbed.equals(survivor)) {
                    Candidate via = best.get(absorbed);
                    plan.merge(absorbed, survivor, new Decision(DecisionKind.MERGED, survivor, absorbed, self.ref(),
                            Link.ruleOf(via.explanation()), via.explanation().score(), actor,
                            Map.of("via", via.record().ref().qualifiedKey())));
                    absorb(absorbed, survivor);
                }
            }
            Candidate via = best.get(survivor);
            plan.link(self, survivor, via.asLink(mine, rules.version()),
                    new Decision(DecisionKind.LINKED, survivor, null, self.ref(), Link.ruleOf(via.explanation()),
                            via.explanation().score(), actor, Map.of("via", via.record().ref().qualifiedKey())));
            return survivor;
        }

        /** The absorbed golden customer's members, stored and decided, are the survivor's from now on. */
        private void absorb(UUID absorbed, UUID survivor) {
            absorbedInto.put(absorbed, survivor);
            List<LinkedRecord> stored = new ArrayList<>(BatchResolver.listOf(members, survivor));
            BatchResolver.listOf(members, absorbed).forEach(m -> stored.add(withGolden(m, survivor)));
            members.put(survivor, stored);
            members.remove(absorbed);
            List<LinkedRecord> decided = decidedByGolden.remove(absorbed);
            if (decided != null) {
                decided.forEach(m -> decidedByGolden.computeIfAbsent(survivor, x -> new ArrayList<>())
                        .add(withGolden(m, survivor)));
            }
        }

        /** A golden customer the record matched but may not join: capped or kept apart, a review instead. */
        private void refused(LinkedRecord self, UUID target, Candidate candidate, String why) {
            if (why.equals("cluster-size-cap")) {
                plan.decide(new Decision(DecisionKind.CAPPED, target, null, self.ref(),
                        Link.ruleOf(candidate.explanation()), candidate.explanation().score(), actor,
                        Map.of("maxClusterSize", rules.clustering().maxClusterSize())));
            }
            plan.review(self, candidate, why);
        }

        /** Comparisons with the batch's records decided before this one that share a usable key or its golden. */
        private List<Candidate> earlierInBatch(LinkedRecord self, NormalizedCustomer mine) {
            Map<EntityRef, LinkedRecord> others = blockedWith(usable.get(self.ref()), decidedByKey, narrow);
            if (self.goldenId() != null) {
                BatchResolver.listOf(decidedByGolden, self.goldenId()).forEach(o -> others.putIfAbsent(o.ref(), o));
            }
            Set<EntityRef> notWith = apart.getOrDefault(self.ref(), Set.of());
            List<Candidate> result = new ArrayList<>();
            for (LinkedRecord other : others.values()) {
                if (!notWith.contains(other.ref())) {
                    NormalizedCustomer theirs = seen.get(other.ref());
                    result.add(new Candidate(other, theirs, matcher.compare(mine, theirs, tf)));
                }
            }
            return result;
        }

        private List<LinkedRecord> membersOf(UUID golden) {
            List<LinkedRecord> all = new ArrayList<>(plan.isNew(golden) ? plan.createdMembers(golden)
                    : BatchResolver.listOf(members, golden));
            Set<EntityRef> listed = new HashSet<>();
            all.forEach(m -> listed.add(m.ref()));
            BatchResolver.listOf(decidedByGolden, golden).stream().filter(m -> listed.add(m.ref())).forEach(all::add);
            return all;
        }

        private int size(UUID golden) {
            return membersOf(golden).size();
        }

        private static LinkedRecord withGolden(LinkedRecord r, UUID golden) {
            return new LinkedRecord(r.ref(), golden, r.rule(), r.customer(), r.deleted(), r.position(), r.sequence(),
                    r.mappingVersion(), r.occurredAt());
        }
    }
}
