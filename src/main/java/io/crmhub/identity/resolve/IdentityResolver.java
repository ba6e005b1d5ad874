package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Resolves one stored customer record to a golden customer, inside the caller's transaction: normalise, lock the
 * record's keys, find candidates by block keys, compare, then let {@link ClusterLinker} link, merge or split.
 * Live changes reach it through {@link BatchResolver} (the records a batch cannot decide alone); the catch-up
 * of unlinked records calls it directly. Duplicates arriving at the same moment on two consumers or two hub instances share
 * at least one key, so the advisory locks make one of them wait and see the other's golden customer:
 * never two golden customers for one real customer.
 */
@Component
public class IdentityResolver {

    /** Compare again at most this often when golden customers change under us; then let the route retry. */
    private static final int MAX_ATTEMPTS = 5;

    private final IdentityProperties properties;
    private final CustomerNormalizer normalizer;
    private final PairMatcher matcher;
    private final MatchRules rules;
    private final IdentityKeys keys;
    private final IdentityRepository repository;
    private final Population population;
    private final ClusterLinker linker;
    private final IdentityLocks locks;
    private final Counter purgedBlocks;

    IdentityResolver(IdentityProperties properties, CustomerNormalizer normalizer, PairMatcher matcher,
                     IdentityRepository repository, Population population, ClusterLinker linker,
                     io.crmhub.identity.match.Blocker blocker, IdentityLocks locks, MeterRegistry registry) {
        this.properties = properties;
        this.locks = locks;
        this.normalizer = normalizer;
        this.matcher = matcher;
        this.rules = matcher.rules();
        this.keys = new IdentityKeys(blocker);
        this.repository = repository;
        this.population = population;
        this.linker = linker;
        this.purgedBlocks = Counter.builder("hub.identity.blocks.purged")
                .description("Block keys skipped because too many records share them (a switchboard, 王伟)")
                .register(registry);
    }

    /** Links (or re-links) one stored source customer record; must run inside a transaction. */
    public void resolve(EntityRef ref) {
        LinkedRecord stored = repository.record(ref).orElse(null);
        if (stored == null || stored.customer() == null) {
            return; // a delete of a record never seen: nothing to link
        }
        NormalizedCustomer normalized = normalizer.normalize(stored.customer());
        Set<String> newKeys = stored.deleted() ? Set.of() : keys.all(normalized);
        // the block keys it carries and leaves, as the batch locks them (term keys only feed counts)
        Set<String> toLock = new HashSet<>(newKeys);
        toLock.addAll(repository.keysOf(ref));
        toLock.removeIf(IdentityKeys::isTermKey);
        locks.lockForResolution(toLock);
        repository.replaceKeys(ref, IdentityKeys.sorted(newKeys));
        for (int attempt = 1; ; attempt++) {
            LinkedRecord self = repository.record(ref).orElseThrow(); // as it is now that we hold the locks
            if (self.deleted()) {
                linker.deleted(self);
                return;
            }
            try {
                linker.link(self, normalized, compare(self, normalized, newKeys));
                return;
            } catch (ClusterLinker.StaleViewException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new org.springframework.dao.ConcurrencyFailureException(
                            "golden customers kept changing under resolution of " + ref.qualifiedKey(), e);
                }
            }
        }
    }

    /**
     * The record's block keys whose block is small enough to search, judged by the kept counts alone, and that this
     * transaction locked as searchable ({@link IdentityLocks#searchable}).
     */
    Set<String> usableBlockKeys(NormalizedCustomer normalized, Map<String, Long> counts) {
        return usableBlockKeys(keys.blockKeys(normalized), counts);
    }

    /** {@link #usableBlockKeys(NormalizedCustomer, Map)} of a record whose block keys are known already. */
    Set<String> usableBlockKeys(Collection<String> blockKeys, Map<String, Long> counts) {
        Set<String> usable = new LinkedHashSet<>();
        for (String key : blockKeys) {
            if (counts.getOrDefault(key, 0L) <= rules.blocking().maxBlockSize() && locks.searchable(key)) {
                usable.add(key);
            } else {
                purgedBlocks.increment(); // skipped by its count, without reading a single member
            }
        }
        return usable;
    }

    /**
     * The keys whose blocks are narrow ({@code blocking.narrow-block-size}): sharing one of them makes a candidate
     * on its own; a record sharing only wider blocks must share two keys (as {@link io.crmhub.identity.match.Blocker}).
     */
    Set<String> narrowKeys(Collection<String> usable, Map<String, Long> counts) {
        Set<String> narrow = new HashSet<>();
        usable.forEach(k -> {
            if (rules.blocking().narrow(k, counts.getOrDefault(k, 0L))) {
                narrow.add(k);
            }
        });
        return narrow;
    }

    /** @param allKeys the record's block and term keys, as just stored */
    private List<Candidate> compare(LinkedRecord self, NormalizedCustomer normalized, Set<String> allKeys) {
        Map<String, Long> counts = repository.keyCounts(allKeys);
        locks.learn(counts);
        TermFrequencies tf = IdentityKeys.frequencies(counts, population.estimate());
        Set<String> usable = usableBlockKeys(normalized, counts);
        Set<EntityRef> apart = new HashSet<>(repository.cannotLinkWith(self.ref()));
        List<Candidate> result = new ArrayList<>();
        Map<EntityRef, LinkedRecord> others = new LinkedHashMap<>();
        repository.candidates(usable, narrowKeys(usable, counts), self.ref()).forEach(r -> others.put(r.ref(), r));
        if (self.goldenId() != null) {
            // A changed record must still match someone in its golden customer to stay there, even one it
            // shares no block key with any more: compare it with every member (at most the cluster cap).
            repository.members(self.goldenId()).stream()
                    .filter(m -> !m.deleted() && !m.ref().equals(self.ref()))
                    .forEach(m -> others.putIfAbsent(m.ref(), m));
        }
        for (LinkedRecord other : others.values()) {
            if (other.goldenId() != null && other.customer() != null && !apart.contains(other.ref())) {
                NormalizedCustomer theirs = normalizer.normalize(other.customer());
                result.add(new Candidate(other, theirs, matcher.compare(normalized, theirs, tf)));
            }
        }
        result.sort(Candidate.STRONGEST_FIRST);
        return result;
    }
}
