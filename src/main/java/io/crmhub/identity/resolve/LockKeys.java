package io.crmhub.identity.resolve;

import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL advisory lock ids for identity keys: 64-bit FNV-1a of a namespaced key, so every hub instance
 * computes the same id and ids do not collide with other advisory locks in the database. Sorted before use:
 * one global order is what keeps concurrent resolutions from deadlocking.
 */
final class LockKeys {

    private static final String NAMESPACE = "crm-hub/identity/";
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private LockKeys() {}

    /**
     * Keys share this many lock ids. Two concurrent batches of n keys each share about n² / STRIPES stripes by
     * chance, and one shared stripe makes one batch wait for the other's whole transaction: with 1,500 keys a batch
     * that is 0.13 here, and was 137 with the 16,384 stripes used before, so every pair of concurrent batches took
     * turns. A transaction holds one lock per stripe, about one per key: PostgreSQL's lock table (shared by the whole
     * server, max_locks_per_transaction × max_connections) must hold what concurrent batches lock (docs/identity.md).
     */
    static final int STRIPES = 1 << 24;
    private static final long STRIPE_BASE = hash("stripes") & ~0xFFFFFFL;

    /** The lock id of the key's stripe: one of {@link #STRIPES}, taken in ascending order ({@link IdentityLocks}). */
    static long stripe(String key) {
        return STRIPE_BASE + Math.floorMod(hash(key), STRIPES);
    }

    static long hash(String key) {
        long h = OFFSET;
        for (byte b : (NAMESPACE + key).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= PRIME;
        }
        return h;
    }
}
