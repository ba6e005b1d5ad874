package io.crmhub.identity.resolve;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.EntityType;
import io.crmhub.identity.match.Blocker;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import io.crmhub.store.AppliedChangeListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Resolves every customer change of an applied batch together, in the store's apply transaction, with a fixed
 * number of round trips whatever the batch size: the batch's records are read, re-keyed and their keys locked
 * in one sorted round trip each; key counts (block sizes, term frequencies) come from {@code identity_key_count},
 * so a hot key costs one row; candidates for every usable block key are fetched in one query and compared in
 * memory ({@link BatchLinker}). What the batch cannot decide on its own — a merge of golden customers, a record
 * leaving its golden customer, a delete — goes through {@link IdentityResolver} record by record, after the
 * batch's own decisions are written, under the same locks.
 */
@Component
public class BatchResolver implements AppliedChangeListener {

    private final IdentityProperties properties;
    private final CustomerNormalizer normalizer;
    private final MatchRules rules;
    private final IdentityKeys keys;
    private final IdentityRepository repository;
    private final IdentityBatchRepository batch;
    private final Population population;
    private final IdentityResolver resolver;
    private final BatchLinker linker;
    private final Counter purgedBlocks;
    private final Timer prepareTimer;
    private final Timer linkTimer;
    private final Timer oneByOneTimer;
    private final Counter deferred;

    BatchResolver(IdentityProperties properties, CustomerNormalizer normalizer, MatchRules rules, Blocker blocker,
                  IdentityRepository repository, IdentityBatchRepository batch, Population population,
                  IdentityResolver resolver, BatchLinker linker, MeterRegistry registry) {
        this.properties = properties;
        this.normalizer = normalizer;
        this.rules = rules;
        this.keys = new IdentityKeys(blocker);
        this.repository = repository;
        this.batch = batch;
        this.population = population;
        this.resolver = resolver;
        this.linker = linker;
        this.purgedBlocks = Counter.builder("hub.identity.blocks.purged")
                .description("Block keys skipped because too many records share them (a switchboard, 王伟)")
                .register(registry);
        this.prepareTimer = stage(registry, "identity.prepare");
        this.linkTimer = stage(registry, "identity.batch");
        this.oneByOneTimer = stage(registry, "identity.one-by-one");
        this.deferred = Counter.builder("hub.identity.batch.deferred")
                .description("Records a batch left to one-by-one resolution (merges, moves out, deletes)")
                .register(registry);
    }

    /** Sub-stages of the store batch's identity stage (read, re-key, lock; decide and write; the rest one by one). */
    private static Timer stage(MeterRegistry registry, String name) {
        return Timer.builder("hub.store.batch.stage").tag("stage", name)
                .description("Time a store batch spends in each stage: records (upserts, change log), identity, kpi")
                .register(registry);
    }

    @Override
    public String stage() {
        return "identity";
    }

    @Override
    public void applied(List<CanonicalEvent> events) {
        resolveAll(events.stream().filter(e -> e.entity() == EntityType.CUSTOMER)
                .map(e -> new EntityRef(e.source().system(), e.source().entity(), e.source().key())).toList());
    }

    /** Links (or re-links) the stored source customer records; must run inside a transaction. */
    public void resolveAll(List<EntityRef> changed) {
        if (!properties.enabled() || changed.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<EntityRef> refs = List.copyOf(new LinkedHashSet<>(changed));
        Map<EntityRef, LinkedRecord> stored = batch.records(refs);
        List<EntityRef> present = refs.stream()
                .filter(r -> stored.get(r) != null && stored.get(r).customer() != null).toList();
        if (present.isEmpty()) {
            return; // deletes of records never seen: nothing to link
        }
        Map<EntityRef, NormalizedCustomer> normalized = new HashMap<>();
        Map<EntityRef, Set<String>> newKeys = new LinkedHashMap<>();
        for (EntityRef ref : present) {
            NormalizedCustomer n = normalizer.normalize(stored.get(ref).customer());
            normalized.put(ref, n);
            if (!stored.get(ref).deleted()) {
                newKeys.put(ref, keys.all(n));
            }
        }
        // Lock what candidate search uses: the usable block keys (a hot key's block is skipped, nobody meets there)
        // and the block keys being left; term keys only feed counts, which the store keeps exact by itself.
        Set<String> allKeys = new LinkedHashSet<>();
        newKeys.values().forEach(allKeys::addAll);
        Map<String, Long> before = repository.keyCounts(allKeys);
        Map<EntityRef, Set<String>> usable = new HashMap<>();
        newKeys.forEach((ref, all) -> usable.put(ref, usableBlockKeys(normalized.get(ref), before)));
        Set<String> toLock = new LinkedHashSet<>();
        usable.values().forEach(toLock::addAll);
        Map<EntityRef, Set<String>> oldKeys = batch.keysOf(present);
        oldKeys.values().forEach(old -> old.stream().filter(k -> !IdentityKeys.isTermKey(k)).forEach(toLock::add));
        repository.lock(LockKeys.sortedHashes(toLock));
        batch.replaceKeys(oldKeys, newKeys, present);
        Map<EntityRef, LinkedRecord> now = batch.records(present); // as it is now that we hold the locks
        TermFrequencies tf = IdentityKeys.frequencies(repository.keyCounts(allKeys), population.estimate());
        List<LinkedRecord> records = present.stream().map(now::get).toList();
        long prepared = System.nanoTime();
        prepareTimer.record(prepared - started, TimeUnit.NANOSECONDS);
        List<EntityRef> rest = linker.link(records, normalized, usable, tf);
        long linked = System.nanoTime();
        linkTimer.record(linked - prepared, TimeUnit.NANOSECONDS);
        deferred.increment(rest.size());
        rest.forEach(resolver::resolve);
        oneByOneTimer.record(System.nanoTime() - linked, TimeUnit.NANOSECONDS);
    }

    private Set<String> usableBlockKeys(NormalizedCustomer n, Map<String, Long> counts) {
        Set<String> usable = new LinkedHashSet<>();
        for (String key : keys.blockKeys(n)) {
            if (counts.getOrDefault(key, 0L) <= rules.blocking().maxBlockSize()) {
                usable.add(key);
            } else {
                purgedBlocks.increment(); // skipped by its count, without reading a single member
            }
        }
        return usable;
    }

    static <K, V> List<V> listOf(Map<K, List<V>> map, K key) {
        List<V> list = map.get(key);
        return list == null ? new ArrayList<>() : list;
    }
}
