package io.crmhub.identity.cluster;

/**
 * A 64-bit hash of a block key or value, so blocking and counting sort primitive arrays instead of filling
 * hash maps of strings. A collision can only put two blocks together: an extra candidate pair, which the pair
 * comparison then decides on the real values, or a slightly higher value count.
 */
final class KeyHash {

    private KeyHash() {}

    /** FNV-1a over the UTF-16 chars, finished with the murmur3 mixer so the high bits are well spread. */
    static long of(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
