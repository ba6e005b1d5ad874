package io.crmhub.identity.resolve;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.EntityType;
import io.crmhub.identity.match.Blocker;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import io.crmhub.store.AppliedChangeListener;
import io.crmhub.store.CanonicalStore;
import io.crmhub.store.InvalidEventException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * memory ({@link BatchLinker}), new records joining several golden customers merging them there too. What the
 * batch cannot decide on its own — a changed record whose golden customer joins others or that leaves it, a
 * delete — goes through {@link IdentityResolver} record by record, after the batch's own decisions are written,
 * under the same locks.
 */
@Component
public class BatchResolver implements AppliedChangeListener {

    private final IdentityProperties properties;
    private final CustomerNormalizer normalizer;
    private final IdentityKeys keys;
    private final IdentityBatchRepository batch;
    private final Population population;
    private final IdentityResolver resolver;
    private final BatchLinker linker;
    private final RecordCache cache;
    private final IdentityLocks locks;
    private final Timer prepareTimer;
    private final Timer linkTimer;
    private final Timer oneByOneTimer;
    private final Counter deferred;

    BatchResolver(IdentityProperties properties, CustomerNormalizer normalizer, Blocker blocker,
                  IdentityBatchRepository batch, Population population,
                  IdentityResolver resolver, BatchLinker linker, RecordCache cache, IdentityLocks locks,
                  MeterRegistry registry) {
        this.cache = cache;
        this.locks = locks;
        this.properties = properties;
        this.normalizer = normalizer;
        this.keys = new IdentityKeys(blocker);
        this.batch = batch;
        this.population = population;
        this.resolver = resolver;
        this.linker = linker;
        this.prepareTimer = CanonicalStore.stageTimer(registry, "identity.prepare");
        this.linkTimer = CanonicalStore.stageTimer(registry, "identity.batch");
        this.oneByOneTimer = CanonicalStore.stageTimer(registry, "identity.one-by-one");
        this.deferred = Counter.builder("hub.identity.batch.deferred")
                .description("Records a batch left to one-by-one resolution (changed records merging or moving out, "
                        + "deletes)")
                .register(registry);
    }

    @Override
    public String stage() {
        return "identity";
    }

    @Override
    public void applied(List<CanonicalEvent> events) {
        // each record's newest applied change is what the store now holds for it
        Map<EntityRef, CanonicalEvent> newest = new LinkedHashMap<>();
        events.stream().filter(e -> e.entity() == EntityType.CUSTOMER).forEach(e -> newest.put(
                new EntityRef(e.source().system(), e.source().entity(), e.source().key()), e));
        if (newest.isEmpty()) {
            return;
        }
        if (!properties.enabled()) {
            // the records changed and nobody resolves them: their links' forms are of versions no longer stored
            batch.forgetForms(newest.keySet());
            return;
        }
        resolveAll(newest);
    }

    /**
     * Parses and normalises the batch's customers ahead, into the {@link RecordCache} (by record and sequence, so a
     * version prepared but never stored is simply never asked for): the backfill calls this on its reader thread
     * for the next page while the store applies the current one.
     */
    @Override
    public void prepare(List<CanonicalEvent> events) {
        if (!properties.enabled()) {
            return;
        }
        for (CanonicalEvent e : events) {
            if (e.entity() == EntityType.CUSTOMER && !e.op().isDelete() && e.payload() != null) {
                EntityRef ref = new EntityRef(e.source().system(), e.source().entity(), e.source().key());
                try {
                    normalized(ref, e);
                } catch (RuntimeException notReadable) {
                    // the apply meets it again in its transaction and refuses the event with its reason
                }
            }
        }
    }

    /** The event's customer normalised, and both remembered as this version of the record (prepared ahead or now). */
    private NormalizedCustomer normalized(EntityRef ref, CanonicalEvent event) {
        long sequence = event.source().sequence();
        Customer known = cache.peek(ref, sequence);
        NormalizedCustomer n = known == null ? null : cache.normalizedIfKnown(ref, sequence);
        if (n != null) {
            return n;
        }
        Customer customer = customer(event);
        n = normalizer.normalize(customer);
        cache.put(ref, sequence, customer, n);
        return n;
    }

    /** Links (or re-links) the batch's stored customer records; runs inside the apply transaction. */
    private void resolveAll(Map<EntityRef, CanonicalEvent> newest) {
        List<EntityRef> present = newest.entrySet().stream()
                .filter(e -> !e.getValue().op().isDelete() && e.getValue().payload() != null)
                .map(Map.Entry::getKey).toList();
        resolveAll(List.copyOf(newest.keySet()), present, ref -> normalized(ref, newest.get(ref)));
    }

    /**
     * Resolves new versions of records whose customers and forms were put in the {@link RecordCache} by whoever read
     * them (the in-memory preview, {@link MemoryResolution}, which has no payload to parse): the same resolution as
     * {@link #applied}'s.
     *
     * @param versions each record's sequence, in the batch's order
     * @throws IllegalStateException when a version is not in the cache
     */
    void resolveCached(Map<EntityRef, Long> versions) {
        List<EntityRef> refs = List.copyOf(versions.keySet());
        resolveAll(refs, refs, ref -> {
            NormalizedCustomer n = cache.normalizedIfKnown(ref, versions.get(ref));
            if (n == null) {
                throw new IllegalStateException("version " + versions.get(ref) + " of " + ref.qualifiedKey()
                        + " is not in the record cache");
            }
            return n;
        });
    }

    /**
     * @param refs the batch's records, deleted ones included; @param present those it holds a version of;
     * @param form each present record's normalised version (parsed here if need be)
     */
    private void resolveAll(List<EntityRef> refs, List<EntityRef> present,
                            java.util.function.Function<EntityRef, NormalizedCustomer> form) {
        long started = System.nanoTime();
        Map<EntityRef, NormalizedCustomer> normalized = new HashMap<>();
        Map<EntityRef, Set<String>> newKeys = new LinkedHashMap<>();
        // parsing, normalising and keying is the batch's own CPU work: both cores take part while the database waits
        List<Parsed> parsed = present.parallelStream().map(ref -> parsed(ref, form.apply(ref))).toList();
        Map<EntityRef, Set<String>> blockKeys = new HashMap<>();
        parsed.forEach(p -> {
            normalized.put(p.ref(), p.normalized());
            newKeys.put(p.ref(), p.all());
            blockKeys.put(p.ref(), p.block());
        });
        Map<EntityRef, Set<String>> oldKeys = batch.keysOf(refs);
        locks.lockForBatch(blockKeys.values(), oldKeys.values());
        // the keys written and every count they leave, in one round trip (V30)
        Map<String, Long> counts = batch.replaceKeys(oldKeys, newKeys, refs);
        Map<EntityRef, LinkedRecord> now = batch.records(refs); // as it is now that we hold the locks
        List<LinkedRecord> records = refs.stream().map(now::get)
                .filter(r -> r != null && r.customer() != null).toList(); // a delete of a record never seen: nothing
        if (records.isEmpty()) {
            return;
        }
        locks.learn(counts);
        TermFrequencies tf = IdentityKeys.frequencies(counts, population.estimate());
        Map<EntityRef, Set<String>> usable = new HashMap<>();
        blockKeys.forEach((ref, block) -> usable.put(ref, resolver.usableBlockKeys(block, counts)));
        long prepared = System.nanoTime();
        prepareTimer.record(prepared - started, TimeUnit.NANOSECONDS);
        Set<String> narrow = new HashSet<>();
        usable.values().forEach(keys -> narrow.addAll(resolver.narrowKeys(keys, counts)));
        List<EntityRef> rest = linker.link(records, normalized, usable, narrow, tf,
                heldOutside(usable, newKeys, counts));
        long linked = System.nanoTime();
        linkTimer.record(linked - prepared, TimeUnit.NANOSECONDS);
        deferred.increment(rest.size());
        // the one-by-one path writes links without saying which version their form is of
        batch.forgetForms(rest);
        rest.forEach(resolver::resolve);
        oneByOneTimer.record(System.nanoTime() - linked, TimeUnit.NANOSECONDS);
    }

    /** A record of the batch normalised, with its block keys and all its keys (block and term: what the store keeps). */
    private record Parsed(EntityRef ref, NormalizedCustomer normalized, Set<String> block, Set<String> all) {}

    private Parsed parsed(EntityRef ref, NormalizedCustomer n) {
        Set<String> block = keys.blockKeys(n);
        Set<String> all = new LinkedHashSet<>(block);
        all.addAll(keys.termKeys(n));
        return new Parsed(ref, n, block, all);
    }

    /**
     * The usable keys that a record outside the batch carries too: its count, read under the key's lock with the
     * batch's own keys already written, is more than the batch's records carrying it. Only these can find a stored
     * candidate, so only these are looked up; in a stream of new customers most keys are new (a phone, an e-mail,
     * a house) and the lookup would find the batch's own records and nothing else. The batch's records still meet
     * each other through every usable key, in memory ({@link BatchLinker}).
     */
    static Set<String> heldOutside(Map<EntityRef, Set<String>> usable, Map<EntityRef, Set<String>> newKeys,
                                   Map<String, Long> counts) {
        Map<String, Integer> inBatch = new HashMap<>();
        newKeys.values().forEach(keys -> keys.forEach(k -> inBatch.merge(k, 1, Integer::sum)));
        Set<String> outside = new HashSet<>();
        usable.values().forEach(keys -> keys.stream()
                .filter(k -> counts.getOrDefault(k, 0L) > inBatch.getOrDefault(k, 0)).forEach(outside::add));
        return outside;
    }

    private static Customer customer(CanonicalEvent event) {
        try {
            return CanonicalJson.mapper().treeToValue(event.payload(), Customer.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("payload is not a canonical customer");
        }
    }

    static <K, V> List<V> listOf(Map<K, List<V>> map, K key) {
        List<V> list = map.get(key);
        return list == null ? new ArrayList<>() : list;
    }
}
