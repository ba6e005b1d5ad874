package io.crmhub.identity.resolve;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.golden.GoldenRecord;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedName;
import io.crmhub.identity.normalize.NormalizedTaxId;
import io.crmhub.identity.normalize.Texts;
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
import com.carrotsearch.hppc.LongObjectHashMap;
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
 * keys are only ever added and need not be kept with it. A key is one entry, under its 64-bit hash: its records while
 * its block is small enough to be searched ({@code max-block-size}; the count is how many there are), else only its
 * count (a term key, which only weighs agreements, or a block past the limit: no count ever falls back).
 */
final class MemoryIdentityStore extends IdentityBatchRepository {

    /** One stored record: its version, and (once linked) its golden customer and the link's rule, score and via. */
    static final class Held {
        final EntityRef ref;
        final long sequence;
        /** The version being resolved; dropped once its batch is decided (the form stands in for it). */
        Customer customer;
        NormalizedCustomer form;
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
        final Instant createdAt;
        String status = GoldenRecords.ACTIVE;
        UUID mergedInto;
        /** Its earliest record, once {@link MemoryResolution#placements} has looked. */
        Held first;
        private Object members;

        Golden(UUID id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }

        Held[] members() {
            return holders(members);
        }

        int size() {
            return count(members);
        }

        void add(Held held) {
            members = with(members, held);
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

    private final int maxBlockSize;
    /** Every record, in order of arrival. */
    private final List<Held> arrived = new ArrayList<>();
    /** The hashes of every record's reference ({@link #hash(EntityRef)}): which arrived already. */
    private final LongHashSet arrivedRefs = new LongHashSet(1 << 16, 0.85);
    /** The records this batch stored or handed out (candidates, members), by reference; emptied at each batch. */
    private final Map<EntityRef, Held> inPlay = new HashMap<>();
    /**
     * Key hash → its records (a {@link Held}, or a {@code Held[]} once two carry it) while it is a searchable block
     * key, else how many records carry it (an {@link Integer}).
     */
    private final LongObjectHashMap<Object> index = new LongObjectHashMap<>(1 << 16, 0.85);
    private final ObjectObjectHashMap<UUID, Golden> goldens = new ObjectObjectHashMap<>(1 << 16, 0.85);
    private Instant batchTime = Instant.EPOCH;
    private int clock;
    private long linked;

    MemoryIdentityStore(RecordCache cache, int maxBlockSize) {
        super(null, cache, null);
        this.maxBlockSize = maxBlockSize;
    }

    /**
     * A new batch: the last one's records are compared through their forms from now on, as stored links are; its
     * golden customers are created a second after the last one's (the store's transaction time).
     */
    void begin() {
        inPlay.values().forEach(h -> h.customer = null);
        inPlay.clear();
        batchTime = batchTime.plusSeconds(1);
    }

    /** One of the batch's records as the store's apply leaves it, before resolution; it must be new. */
    void store(EntityRef ref, long sequence, Customer customer, NormalizedCustomer form) {
        boolean added;
        synchronized (arrivedRefs) {
            added = arrivedRefs.add(hash(ref));
        }
        if (!added) {
            throw new IllegalArgumentException("record " + ref.qualifiedKey() + " arrived before");
        }
        Held held = new Held(ref, sequence);
        held.customer = customer;
        held.form = form;
        arrived.add(held);
        inPlay.put(ref, held);
    }

    /** Whether the record arrived already; safe to ask from another thread than the one resolving. */
    boolean holds(EntityRef ref) {
        long hash = hash(ref);
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
        return held == null ? null : held.form;
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
                long hash = hash(key);
                add(hash, held, IdentityKeys.isTermKey(key));
                carried.put(key, hash); // the hash for now, its count below
            }
        }
        carried.replaceAll((key, hash) -> (long) count(index.get(hash)));
        return carried;
    }

    /** One more record carries the key: held with the others while its block stays searchable, else counted. */
    private void add(long hash, Held held, boolean term) {
        Object h = index.get(hash);
        int count = count(h) + 1;
        index.put(hash, term || count > maxBlockSize ? Integer.valueOf(count) : with(h, held));
    }

    /** A {@link Held} or {@code Held[]} (or null) with one more record. */
    private static Object with(Object h, Held held) {
        if (h == null) {
            return held;
        }
        if (h instanceof Held one) {
            return new Held[] {one, held};
        }
        Held[] many = (Held[]) h;
        Held[] more = java.util.Arrays.copyOf(many, many.length + 1);
        more[many.length] = held;
        return more;
    }

    static int count(Object h) {
        return h == null ? 0 : h instanceof Held ? 1 : h instanceof Held[] many ? many.length : (Integer) h;
    }

    static Held[] holders(Object h) {
        return h instanceof Held one ? new Held[] {one} : h instanceof Held[] many ? many : NONE;
    }

    @Override
    Found candidates(Collection<String> keys, Collection<String> narrow) {
        Map<Held, List<String>> shared = new LinkedHashMap<>();
        Set<Held> anyNarrow = new java.util.HashSet<>();
        for (String key : keys) {
            for (Held held : holders(index.get(hash(key)))) {
                if (held.golden != null) {
                    shared.computeIfAbsent(held, x -> new ArrayList<>(2)).add(key);
                    if (narrow.contains(key)) {
                        anyNarrow.add(held);
                    }
                }
            }
        }
        Map<String, List<LinkedRecord>> byKey = new HashMap<>();
        Map<EntityRef, NormalizedCustomer> forms = new java.util.concurrent.ConcurrentHashMap<>();
        shared.forEach((held, sharedKeys) -> {
            if (sharedKeys.size() >= 2 || anyNarrow.contains(held)) {
                LinkedRecord record = held.linked(null); // compared through forms: not looked up by reference
                forms.put(held.ref, held.form);
                sharedKeys.forEach(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(record));
            }
        });
        return new Found(byKey, forms);
    }

    private static final Held[] NONE = {};

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

    @Override
    void insertGoldens(Map<UUID, GoldenRecord> created, Map<UUID, Integer> memberCounts) {
        created.keySet().forEach(id -> goldens.put(id, new Golden(id, batchTime)));
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
        stayed.forEach((ref, form) -> inPlay.get(ref).form = form.getValue());
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
                        g.createdAt)).toList();
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

    /**
     * The form as it is kept: the values that recur between records (a name and its pinyin, an e-mail, an address
     * and its house number, building, floor and room, a tax id: a copy shares them with its original) as one string
     * each, as the normaliser already shares cities, roads and name words. Only strings change owners: the form is
     * equal to the one given. (A million forms held at once is the preview's concern; the live store keeps
     * twenty thousand in its cache, so the normaliser does not pay for interning them.)
     */
    static NormalizedCustomer compact(NormalizedCustomer n) {
        return new NormalizedCustomer(n.kind(), compact(n.name()), Texts.shared(n.pinyinKey()), compact(n.contactName()),
                n.phones(), n.emails().stream().map(e -> new NormalizedEmail(Texts.shared(e.address()), e.domain(),
                        e.role())).toList(),
                n.taxId() == null ? null : new NormalizedTaxId(Texts.shared(n.taxId().value()), n.taxId().problem()),
                n.addresses().stream().map(a -> new NormalizedAddress(a.country(), a.provinceCode(), a.province(),
                        a.city(), a.district(), a.road(), Texts.shared(a.houseNumber()), Texts.shared(a.building()),
                        Texts.shared(a.floor()), Texts.shared(a.room()), Texts.shared(a.matchKey()), a.postcode()))
                        .toList(),
                n.birthDate(), n.documents());
    }

    private static NormalizedName compact(NormalizedName name) {
        return name == null ? null : new NormalizedName(Texts.shared(name.display()), Texts.shared(name.matchKey()),
                name.tokens(), name.branch(), name.legalForm());
    }

    /** A 64-bit hash of a record's reference. */
    static long hash(EntityRef ref) {
        return mix(fnv(fnv(fnv(OFFSET, ref.system()) * PRIME, ref.entity()) * PRIME, ref.key()));
    }

    /** A 64-bit hash of a key (FNV-1a, then MurmurHash3's finaliser): two keys of a million records never meet. */
    static long hash(String key) {
        return mix(fnv(OFFSET, key));
    }

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private static long fnv(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= PRIME;
        }
        return h;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
