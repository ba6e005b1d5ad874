package io.crmhub.identity.resolve;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.golden.GoldenRecord;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.ObjectObjectHashMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * What {@link BatchResolver} reads and writes, held in memory instead of the CRM store ({@link MemoryResolution}):
 * records, the counts of their identity keys, links and golden customers. Each method does what its statement in
 * {@link IdentityBatchRepository} does to the tables (a key's count is how many records carry it; a candidate is a
 * linked record sharing a narrow key or two keys), so the resolver decides as it would against the store. What only
 * a live store has — payloads of earlier versions, cannot-link pairs a person decided, survived golden fields — is
 * not kept: stored records are compared through their normalised forms, as the store's links let them be.
 *
 * <p>Sized for a million records in a gigabyte: every record arrives once ({@link MemoryResolution#resolve}), so its
 * keys are only ever added and need not be kept with it ({@link MemoryKeys}), a record is found by its reference only
 * while its batch runs, and its form is kept packed once that batch is over ({@link PackedForms}).
 */
final class MemoryIdentityStore extends IdentityBatchRepository {

    /** One stored record: its version, and (once linked) its golden customer and the link's rule, score and via. */
    static final class Held {
        final EntityRef ref;
        final long sequence;
        /** The version being resolved; dropped when the next batch begins (the form stands in for it then). */
        Customer customer;
        /** Its normalised form: as made while its record is in play, {@link PackedForms packed} from then on. */
        private Object form;
        /** The form packed already, while it is the one that arrived (null once the batch gives it another). */
        private Object[] packed;
        Golden golden;
        String rule;
        /** The link's score, NaN for none (a record that started its golden customer). */
        double score = Double.NaN;
        EntityRef via;
        int linkedAt;

        Held(EntityRef ref, long sequence) {
            this.ref = ref;
            this.sequence = sequence;
        }

        NormalizedCustomer form() {
            return form instanceof Object[] packed ? PackedForms.unpack(packed) : (NormalizedCustomer) form;
        }

        /** Out of play: its version goes, its form is packed. */
        void retire() {
            customer = null;
            if (form instanceof NormalizedCustomer made) {
                form = packed != null ? packed : PackedForms.pack(made);
            }
            packed = null;
        }

        /** The batch gives the record another form (as the store refreshes a stored link's). */
        void reform(NormalizedCustomer made) {
            form = made;
            packed = null;
        }

        LinkedRecord linked(Customer customer) {
            return new LinkedRecord(ref, golden == null ? null : golden.id, rule, customer, false, null, sequence,
                    null, null);
        }
    }

    /**
     * A golden customer: created with its batch's time (as the store's {@code created_at}); its members (a
     * {@link Held}, or a {@code Held[]} once it has two: most golden customers keep one record).
     */
    static final class Golden {
        final UUID id;
        /** Its creation time in nanoseconds since the epoch (an {@link Instant} a golden customer is 24 bytes more). */
        final long createdAt;
        String status = GoldenRecords.ACTIVE;
        UUID mergedInto;
        /** Its earliest record, once {@link MemoryResolution#placements} has looked. */
        Held first;
        private Object members;

        Golden(UUID id, long createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }

        Held[] members() {
            return MemoryKeys.holders(members);
        }

        int size() {
            return MemoryKeys.count(members);
        }

        void add(Held held) {
            members = MemoryKeys.with(members, held);
        }

        void remove(Held held) {
            List<Held> rest = new ArrayList<>(List.of(members()));
            rest.remove(held);
            members = rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : rest.toArray(Held[]::new);
        }

        /** All of {@code other}'s members join this one; {@code other} has none left. */
        void absorb(Golden other) {
            for (Held held : other.members()) {
                held.golden = this;
                add(held);
            }
            other.members = null;
        }
    }

    /** Every record, in order of arrival. */
    private final List<Held> arrived = new ArrayList<>();
    /** The hashes of every record's reference ({@link MemoryKeys#hash(EntityRef)}): which arrived already. */
    private final LongHashSet arrivedRefs = new LongHashSet(1 << 16, 0.85);
    /** The records this batch stored or handed out (candidates, members), by reference; emptied at each batch. */
    private final Map<EntityRef, Held> inPlay = new HashMap<>();
    private final MemoryKeys keys;
    private final ObjectObjectHashMap<UUID, Golden> goldens = new ObjectObjectHashMap<>(1 << 16, 0.85);
    /** The batch's time in seconds since the epoch. */
    private long batchTime;
    private static final long NANOS = 1_000_000_000L;
    private int clock;
    private long linked;

    MemoryIdentityStore(RecordCache cache, int maxBlockSize) {
        super(null, cache, null);
        this.keys = new MemoryKeys(maxBlockSize);
    }

    /**
     * A new batch: the last one's records are compared through their forms from now on, as stored links are; its
     * golden customers are created a second after the last one's (the store's transaction time; a batch creates far
     * fewer than the billion a second holds, {@link #insertGoldens}).
     */
    void begin() {
        inPlay.values().forEach(Held::retire);
        inPlay.clear();
        batchTime++;
    }

    /**
     * One of the batch's records as the store's apply leaves it, before resolution; it must be new. {@code packed}:
     * its form packed ahead, or null.
     */
    void store(EntityRef ref, long sequence, Customer customer, NormalizedCustomer form, Object[] packed) {
        boolean added;
        synchronized (arrivedRefs) {
            added = arrivedRefs.add(MemoryKeys.hash(ref));
        }
        if (!added) {
            throw new IllegalArgumentException("record " + ref.qualifiedKey() + " arrived before");
        }
        Held held = new Held(ref, sequence);
        held.customer = customer;
        held.form = form;
        held.packed = packed;
        arrived.add(held);
        inPlay.put(ref, held);
    }

    /** Whether the record arrived already; safe to ask from another thread than the one resolving. */
    boolean holds(EntityRef ref) {
        long hash = MemoryKeys.hash(ref);
        synchronized (arrivedRefs) {
            return arrivedRefs.contains(hash);
        }
    }

    /** Every record, in order of arrival. */
    List<Held> all() {
        return arrived;
    }

    long linkedRecords() {
        return linked;
    }

    /** The form of a record this batch stored or handed out. */
    NormalizedCustomer form(EntityRef ref) {
        Held held = inPlay.get(ref);
        return held == null ? null : held.form();
    }

    /** A record as handed out to the resolver: found by its reference for as long as the batch runs. */
    private LinkedRecord handOut(Held held) {
        inPlay.putIfAbsent(held.ref, held);
        return held.linked(held.customer);
    }

    @Override
    Map<EntityRef, LinkedRecord> records(Collection<EntityRef> refs) {
        Map<EntityRef, LinkedRecord> found = new HashMap<>();
        refs.forEach(ref -> {
            Held held = inPlay.get(ref);
            if (held != null) {
                found.put(ref, held.linked(held.customer));
            }
        });
        return found;
    }

    @Override
    Map<EntityRef, Set<String>> keysOf(Collection<EntityRef> refs) {
        return new HashMap<>(); // every record arrives once: none carries keys before its batch
    }

    @Override
    Map<String, Long> replaceKeys(Map<EntityRef, Set<String>> old, Map<EntityRef, Set<String>> added,
                                  Collection<EntityRef> refs) {
        Map<String, Long> carried = new HashMap<>();
        for (EntityRef ref : refs) {
            Held held = inPlay.get(ref);
            for (String key : added.getOrDefault(ref, Set.of())) {
                carried.put(key, (long) keys.add(key, held)); // the batch's last record to carry it: its count after
            }
        }
        return carried;
    }

    @Override
    Found candidates(Collection<String> searched, Collection<String> narrow) {
        Map<Held, List<String>> shared = new LinkedHashMap<>();
        Set<Held> anyNarrow = new java.util.HashSet<>();
        for (String key : searched) {
            for (Held held : keys.holders(key)) {
                if (held.golden != null) {
                    shared.computeIfAbsent(held, x -> new ArrayList<>(2)).add(key);
                    if (narrow.contains(key)) {
                        anyNarrow.add(held);
                    }
                }
            }
        }
        Map<String, List<LinkedRecord>> byKey = new HashMap<>();
        // sized for every record met, as the linker only reads them: no map grows while a batch is found
        Map<EntityRef, NormalizedCustomer> forms = new HashMap<>(shared.size() * 4 / 3 + 1);
        shared.forEach((held, sharedKeys) -> {
            if (sharedKeys.size() >= 2 || anyNarrow.contains(held)) {
                LinkedRecord record = held.linked(null); // compared through forms: not looked up by reference
                forms.put(held.ref, held.form());
                sharedKeys.forEach(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(record));
            }
        });
        return new Found(byKey, forms);
    }

    @Override
    Map<UUID, List<LinkedRecord>> members(Collection<UUID> ids) {
        Map<UUID, List<LinkedRecord>> members = new LinkedHashMap<>();
        for (UUID id : ids) {
            Golden golden = goldens.get(id);
            if (golden != null && golden.size() > 0) {
                Held[] all = golden.members();
                java.util.Arrays.sort(all, Comparator.comparingInt((Held h) -> h.linkedAt));
                List<LinkedRecord> list = new ArrayList<>(all.length);
                for (Held h : all) {
                    list.add(handOut(h));
                }
                members.put(id, list);
            }
        }
        return members;
    }

    @Override
    Map<EntityRef, Set<EntityRef>> cannotLinks(Collection<EntityRef> refs) {
        return new HashMap<>(); // only a person decides a pair apart, and nobody reviews a preview
    }

    /**
     * The batch's golden customers, in the order it created them: each a nanosecond after the one before. The store
     * gives them all its transaction's time and a merge of two of them keeps the one with the lower random id; here the
     * first created keeps its id, one of the outcomes the store may have, the same in every run — so two dry runs of
     * one export agree on every link, not only on who belongs together.
     */
    @Override
    void insertGoldens(Map<UUID, GoldenRecord> created, Map<UUID, Integer> memberCounts) {
        long[] order = {0};
        created.keySet().forEach(id -> goldens.put(id, new Golden(id, batchTime * NANOS + ++order[0])));
    }

    @Override
    void updateGoldens(List<MapSqlParameterSource> updates) {
        // golden fields are not survived in memory (MemoryResolution): nothing to write back
    }

    @Override
    void upsertLinks(Map<EntityRef, Map.Entry<UUID, Link>> links, Map<EntityRef, Long> sequences) {
        links.forEach((ref, entry) -> {
            Held held = inPlay.get(ref);
            Golden target = goldens.get(entry.getKey());
            if (target == null) {
                throw new IllegalStateException("link to a golden customer never created: " + entry.getKey());
            }
            if (held.golden == null) {
                linked++;
            } else if (held.golden != target) {
                held.golden.remove(held);
            }
            if (held.golden != target) {
                target.add(held);
            }
            Link link = entry.getValue();
            held.golden = target;
            held.rule = link.rule();
            held.score = link.score() == null ? Double.NaN : link.score();
            held.via = link.via();
            held.linkedAt = ++clock;
        });
    }

    @Override
    void refreshForms(Map<EntityRef, Map.Entry<Long, NormalizedCustomer>> stayed) {
        stayed.forEach((ref, form) -> inPlay.get(ref).reform(form.getValue()));
    }

    @Override
    void forgetForms(Collection<EntityRef> refs) {
        // a form here is always of the version held: nothing stands in for a record it is not
    }

    /** Every link of {@code from} now points at {@code to} (as {@link IdentityRepository#repoint}). */
    int repoint(UUID from, UUID to) {
        Golden absorbed = goldens.get(from);
        int moved = absorbed.size();
        goldens.get(to).absorb(absorbed);
        return moved;
    }

    /** The golden rows in id order, as {@link GoldenRepository#lockAll} reads them. */
    List<GoldenRepository.GoldenRow> rows(Collection<UUID> ids) {
        return ids.stream().sorted().map(goldens::get).filter(java.util.Objects::nonNull)
                .map(g -> new GoldenRepository.GoldenRow(g.id, g.status, g.mergedInto, g.size(), 0,
                        Instant.ofEpochSecond(0, g.createdAt))).toList();
    }

    /**
     * As {@link GoldenRepository#markMerged}, for what resolution reads of it: the status. (The store also points
     * golden customers merged into the absorbed one at the survivor; nothing here reads that chain.)
     */
    void markMerged(UUID absorbed, UUID survivor) {
        Golden gone = goldens.get(absorbed);
        gone.status = "MERGED";
        gone.mergedInto = survivor;
    }

}
