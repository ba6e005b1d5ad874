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
     * Keys share this many lock ids. A batch of a thousand customers carries thousands of keys, and PostgreSQL's
     * lock table holds only max_locks_per_transaction × max_connections entries for the whole server (6,400 with
     * the defaults): striping bounds what one transaction can take, at the price of false sharing between unrelated
     * keys (they only wait for each other). Enough stripes that two concurrent batches of a few hundred customers
     * rarely share one by chance; few enough that a batch's locks stay a fraction of the lock table.
     */
    static final int STRIPES = 16_384;
    private static final long STRIPE_BASE = hash("stripes") & ~0xFFFFL;

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
