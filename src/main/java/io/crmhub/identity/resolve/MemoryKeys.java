package io.crmhub.identity.resolve;

import com.carrotsearch.hppc.LongObjectHashMap;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.resolve.MemoryIdentityStore.Held;

/**
 * The identity keys of {@link MemoryIdentityStore}. Every record arrives once, so a key is only ever added to: it is
 * one entry under its 64-bit hash, holding its records (a {@link Held}, or a {@code Held[]} once two carry it) while
 * its block is small enough to be searched ({@code max-block-size}; the count is how many there are), else only its
 * count (an {@link Integer}: a term key, or a block past the limit — no count ever falls back). A million records'
 * 2.3 million keys take ~50 MB this way instead of ~500 MB as strings in sets.
 */
final class MemoryKeys {

    private static final Held[] NONE = {};

    private final int maxBlockSize;
    private final LongObjectHashMap<Object> index = new LongObjectHashMap<>(1 << 16, 0.85);

    MemoryKeys(int maxBlockSize) {
        this.maxBlockSize = maxBlockSize;
    }

    /**
     * One more record carries the key: held with the others while its block stays searchable, else counted (a term
     * key only weighs agreements: it is never searched). Returns how many carry it now. One probe of the index
     * (a miss in the processor's cache, most times, for a million records' keys).
     */
    int add(String key, Held held) {
        long hash = hash(key);
        int slot = index.indexOf(hash);
        boolean known = index.indexExists(slot);
        Object h = known ? index.indexGet(slot) : null;
        int count = count(h) + 1;
        Object now = IdentityKeys.isTermKey(key) || count > maxBlockSize ? Integer.valueOf(count) : with(h, held);
        if (known) {
            index.indexReplace(slot, now);
        } else {
            index.indexInsert(slot, hash, now);
        }
        return count;
    }

    /** The records carrying the key while its block is searchable; none once it is past the limit. */
    Held[] holders(String key) {
        return holders(index.get(hash(key)));
    }

    /** A {@link Held} or {@code Held[]} (or null: none) with one more record; golden customers hold members so too. */
    static Object with(Object h, Held held) {
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

    /** A 64-bit hash of a record's reference. */
    static long hash(EntityRef ref) {
        return mix(fnv(fnv(fnv(OFFSET, ref.system()) * PRIME, ref.entity()) * PRIME, ref.key()));
    }

    /**
     * A 64-bit hash of a key (FNV-1a, then MurmurHash3's finaliser). Two of a million records' 2.3 million keys share
     * one about once in seven million runs; they would then share a count and a block (its records are still compared
     * before anything is decided).
     */
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
