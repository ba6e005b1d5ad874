package io.crmhub.identity.resolve;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.SourceRef;
import io.crmhub.identity.golden.GoldenRecord;
import io.crmhub.identity.match.Blocker;
import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Identity resolution without the CRM store: the store's own engine — {@link BatchResolver} deciding each batch with
 * {@link BatchLinker}, the same keys, counts, blocks, comparisons, guards and merges — over
 * {@link MemoryIdentityStore}. The dry run previews a backfill with it, batch by batch as the backfill applies its
 * pages. Golden fields are not survived (a preview reports clusters, not golden records), and a record arriving a
 * second time in another batch is refused ({@link #resolve}): moving a record out of its golden customer is the
 * store's one-by-one path, which needs the store.
 */
public final class MemoryResolution {

    /**
     * A customer as its batch brings it: where it comes from (source reference, sequence), the customer as mapped and
     * its normalised form; {@code packed}, the form as the store keeps it once the batch is over ({@link PackedForms}).
     * No event and no payload: nothing here reads one (the customer is taken as it is).
     */
    public record Arrival(SourceRef source, Customer customer, NormalizedCustomer normalized, Object[] packed) {

        /**
         * The form as the store keeps it ({@link KeptForms#compact}) and packed, on the thread that makes the
         * arrival: the one resolving thread need not.
         */
        public Arrival {
            if (customer == null) {
                throw new IllegalArgumentException("record " + source.qualifiedKey() + ": a delete, not a customer");
            }
            normalized = KeptForms.compact(normalized);
            packed = PackedForms.pack(normalized);
        }

        public Arrival(SourceRef source, Customer customer, NormalizedCustomer normalized) {
            this(source, customer, normalized, null);
        }

        public EntityRef ref() {
            return new EntityRef(source.system(), source.entity(), source.key());
        }
    }

    /**
     * Where a record ended: its golden customer, that customer's first record (the earliest to arrive) and size, and
     * the link that put the record there (rule, score and the record it matched; {@code new} for a founder).
     */
    public record Placement(EntityRef ref, UUID golden, EntityRef first, int size, String rule, Double score,
                            EntityRef via) {}

    /** A pair in the review band whose records ended in different golden customers: both, and how they compared. */
    public record Review(EntityRef left, EntityRef right, MatchExplanation explanation) {}

    /** Versions the cache keeps beyond a batch's own. */
    private static final int CACHE_MARGIN = 200;

    private final int batchSize;
    private final MemoryIdentityStore store;
    private final RecordCache cache;
    private final BatchResolver resolver;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<List<EntityRef>, Review> reviews = new LinkedHashMap<>();
    private final Map<DecisionKind, Long> decisions = new EnumMap<>(DecisionKind.class);

    /** For batches of up to 1,000 records. */
    public MemoryResolution(MatchRules rules, CustomerNormalizer normalizer, String actor) {
        this(rules, normalizer, actor, 1_000);
    }

    /**
     * @param batchSize records a batch brings at most (the dry run's page size): the cache keeps that many of the
     * versions being resolved (and a few more), not more — a version kept longer only lives on through collection
     * after collection while its record is held packed anyway
     */
    public MemoryResolution(MatchRules rules, CustomerNormalizer normalizer, String actor, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        PairMatcher matcher = new PairMatcher(rules);
        Blocker blocker = new Blocker(rules.blocking());
        IdentityProperties properties = new IdentityProperties(true, "CN", 1_000, 1_000, 1_000, actor);
        // a batch's own versions (members it reads are held as their forms): the store holds every record's form anyway
        this.cache = new RecordCache(normalizer, batchSize + CACHE_MARGIN) {
            @Override
            NormalizedCustomer normalized(LinkedRecord record) {
                // a stored record is held as its form only, as a link with its form stands in for it in the store
                return record.customer() == null ? store.form(record.ref()) : super.normalized(record);
            }
        };
        this.store = new MemoryIdentityStore(cache, rules.blocking().maxBlockSize());
        GoldenRepository goldens = new GoldenRepository(null) {
            @Override
            List<GoldenRow> lockAll(Collection<UUID> ids) {
                return store.rows(ids);
            }

            @Override
            void markMerged(UUID absorbed, UUID survivor) {
                store.markMerged(absorbed, survivor);
            }

            @Override
            int largestCluster() {
                return 0; // no gauge is read here
            }
        };
        IdentityRepository links = new IdentityRepository(null) {
            @Override
            int repoint(UUID from, UUID to) {
                return store.repoint(from, to);
            }
        };
        IdentityLocks locks = new IdentityLocks(null, matcher) {
            @Override
            void lockForBatch(Collection<Set<String>> carried, Collection<Set<String>> leaving) {
                // one thread, one store: nobody to wait for (nor keys to gather: 5 % of the resolving thread)
            }

            @Override
            void lockForResolution(Collection<String> keys) {
                // one thread, one store: nobody to wait for
            }

            @Override
            void learn(Map<String, Long> counts) {
                // which keys are oversized only chooses a lock's mode
            }

            @Override
            boolean searchable(String key) {
                return true;
            }
        };
        Population population = new Population(null) {
            @Override
            long estimate() {
                return Math.max(FLOOR, store.linkedRecords());
            }
        };
        BatchLinker linker = new BatchLinker(store, goldens, links, new Unsurvived(links, goldens),
                new Decisions(rules), new Reviews(), matcher, properties, cache);
        IdentityResolver oneByOne = new IdentityResolver(properties, normalizer, matcher, links, population, null,
                blocker, locks, registry) {
            @Override
            public void resolve(EntityRef ref) {
                // only a changed record leaving or merging its golden customer, or a delete, comes here: new records
                // (all a preview resolves, resolve() makes sure) are decided by the batch
                throw new IllegalStateException("record " + ref.qualifiedKey() + " needs the store's one-by-one "
                        + "resolution (a changed record or a delete), which an in-memory preview does not have");
            }
        };
        this.resolver = new BatchResolver(properties, normalizer, blocker, store, population, oneByOne, linker, cache,
                locks, registry);
    }

    /**
     * Resolves one batch against everything resolved before, as the store's apply would, all its records together.
     * Every record arrives once, as a customer: a second version, or a delete, may move a record out of its golden
     * customer, which is the store's one-by-one path.
     */
    public void resolve(List<Arrival> batch) {
        if (batch.size() > batchSize) {
            // the record cache holds one batch's versions, which resolution reads back
            throw new IllegalArgumentException("a batch of " + batch.size() + " records, more than the " + batchSize
                    + " this engine was made for");
        }
        Set<EntityRef> seen = new HashSet<>();
        for (Arrival a : batch) {
            EntityRef ref = a.ref();
            if (!seen.add(ref) || holds(ref)) {
                throw new IllegalArgumentException("record " + ref.qualifiedKey() + " arrived before");
            }
        }
        store.begin();
        Map<EntityRef, Long> versions = new LinkedHashMap<>();
        for (Arrival a : batch) {
            EntityRef ref = a.ref();
            long sequence = a.source().sequence();
            store.store(ref, sequence, a.customer(), a.normalized(), a.packed());
            cache.put(ref, sequence, a.customer(), a.normalized());
            versions.put(ref, sequence);
        }
        resolver.resolveCached(versions);
    }

    /** Whether a record arrived in an earlier batch (it may not arrive again). */
    public boolean holds(EntityRef ref) {
        return store.holds(ref);
    }

    /** Every record resolved, in order of arrival, handed to {@code sink} one at a time. */
    public void placements(java.util.function.Consumer<Placement> sink) {
        for (MemoryIdentityStore.Held h : store.all()) {
            if (h.golden.first == null) {
                h.golden.first = h; // in order of arrival: the earliest
            }
        }
        for (MemoryIdentityStore.Held h : store.all()) {
            sink.accept(new Placement(h.ref, h.golden.id, h.golden.first.ref, h.golden.size(), h.rule,
                    Double.isNaN(h.score) ? null : h.score, h.via));
        }
    }

    /** Pairs left for a person, each once, leaving out those that ended in one golden customer anyway. */
    public List<Review> reviews() {
        Map<EntityRef, MemoryIdentityStore.Golden> golden = new HashMap<>();
        reviews.keySet().forEach(pair -> pair.forEach(ref -> golden.put(ref, null)));
        store.all().stream().filter(h -> golden.containsKey(h.ref)).forEach(h -> golden.put(h.ref, h.golden));
        return reviews.values().stream().filter(r -> golden.get(r.left()) != golden.get(r.right())).toList();
    }

    /** How many decisions of a kind were made (CAPPED: joins the cluster cap refused; MERGED: golden customers merged). */
    public long decisions(DecisionKind kind) {
        return decisions.getOrDefault(kind, 0L);
    }

    /** Block keys skipped by their count without reading a member (a switchboard phone, 王伟). */
    public long purgedBlocks() {
        return (long) registry.counter("hub.identity.blocks.purged").count();
    }

    /** Decisions counted, not written: a preview has no history. */
    private final class Decisions extends IdentityDecisions {

        Decisions(MatchRules rules) {
            super(null, rules, registry);
        }

        @Override
        void record(Decision d) {
            decisions.merge(d.kind(), 1L, Long::sum);
        }

        @Override
        void recordAll(List<Decision> all) {
            all.forEach(this::record);
        }
    }

    /** Review pairs kept once each, always the same way round, as the store's review queue keeps them. */
    private final class Reviews extends ReviewQueue {

        Reviews() {
            super(null);
        }

        @Override
        boolean[] openAll(List<Pending> pending) {
            boolean[] opened = new boolean[pending.size()];
            for (int i = 0; i < opened.length; i++) {
                Pending p = pending.get(i);
                opened[i] = reviews.putIfAbsent(List.of(p.left(), p.right()),
                        new Review(p.left(), p.right(), p.explanation())) == null;
            }
            return opened;
        }
    }

    /** Golden customers without survived fields: the preview reports who belongs together, not their golden record. */
    private static final class Unsurvived extends GoldenRecords {

        Unsurvived(IdentityRepository links, GoldenRepository goldens) {
            super(links, goldens, null, new SimpleMeterRegistry());
        }

        @Override
        GoldenRecord survive(List<LinkedRecord> members) {
            return null;
        }

        @Override
        MapSqlParameterSource refreshed(UUID id, List<LinkedRecord> members) {
            return new MapSqlParameterSource("id", id);
        }
    }
}
