package io.crmhub.identity.resolve;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

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

    static List<Long> sortedHashes(Collection<String> keys) {
        return keys.stream().map(LockKeys::hash).distinct().sorted().toList();
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
