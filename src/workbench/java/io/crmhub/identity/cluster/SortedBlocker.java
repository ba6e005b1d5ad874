package io.crmhub.identity.cluster;

import io.crmhub.identity.match.Blocker;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.Arrays;
import java.util.List;

/**
 * The same OR-blocking as {@link Blocker#block}, with the same keys and purge rule, for inputs of millions of
 * records: each (key, record) becomes one long (40 bits of key hash, 24 bits of record index), the array is
 * sorted, and a run of equal hashes is a block. Candidate pairs are longs (left &lt;&lt; 32 | right), sorted and
 * made distinct; a pair met only in blocks wider than {@code narrow-block-size} is kept when it was met twice (two
 * shared keys). About 8 bytes per key and per pair instead of a map of strings to boxed lists.
 */
public final class SortedBlocker {

    /** 24 bits of record index per key entry. */
    public static final int MAX_RECORDS = 1 << 24;
    private static final int INDEX_BITS = 24;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    /** The top bit of an entry: its key's kind takes the narrow rule (39 bits of hash are left to tell keys apart). */
    private static final int NARROWED_BIT = 63;

    /**
     * @param pairs        distinct candidate pairs, ascending, each {@code left << 32 | right} with left &lt; right
     * @param blocks       distinct keys carried by at least two records
     * @param purgedBlocks blocks larger than the maximum, never compared
     */
    public record Result(long[] pairs, int blocks, int purgedBlocks) {}

    private final Blocker blocker;
    private final MatchRules.Blocking settings;
    private final int threads;

    public SortedBlocker(MatchRules.Blocking settings, int threads) {
        this.blocker = new Blocker(settings);
        this.settings = settings;
        this.threads = threads;
    }

    public Result block(List<NormalizedCustomer> records) {
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("at most " + MAX_RECORDS + " records per batch");
        }
        long[] entries = keyEntries(records);
        Arrays.parallelSort(entries);
        LongList pairs = new LongList(records.size() * 2);
        int blocks = 0;
        int purged = 0;
        for (int start = 0; start < entries.length; ) {
            int end = start + 1;
            while (end < entries.length && (entries[end] >>> INDEX_BITS) == (entries[start] >>> INDEX_BITS)) {
                end++;
            }
            int size = end - start;
            if (size > settings.maxBlockSize()) {
                blocks++;
                purged++;
            } else if (size > 1) {
                blocks++;
                boolean narrowed = (entries[start] >>> NARROWED_BIT) != 0; // the key's kind takes the narrow rule
                addPairs(entries, start, end, narrowed && size > settings.narrowBlockSize() ? 1 : 0, pairs);
            }
            start = end;
        }
        return new Result(pairs.strongDistinct(), blocks, purged);
    }

    /** One entry per distinct key of each record; a record listing one key twice must not pair with itself. */
    private long[] keyEntries(List<NormalizedCustomer> records) {
        List<LongList> parts = Parallel.map(records.size(), threads, range -> {
            LongList part = new LongList((range.to() - range.from()) * 6);
            for (int i = range.from(); i < range.to(); i++) {
                for (String key : blocker.keys(records.get(i))) {
                    long hash = KeyHash.of(key) & ~(1L << (NARROWED_BIT - INDEX_BITS));
                    if (settings.narrowed(key)) {
                        hash |= 1L << (NARROWED_BIT - INDEX_BITS);
                    }
                    part.add((hash << INDEX_BITS) | i);
                }
            }
            return part;
        });
        LongList all = new LongList(parts.stream().mapToInt(LongList::size).sum());
        parts.forEach(all::addAll);
        return all.toArray();
    }

    /** @param weak 1 when the block is wider than narrow: its pairs count only if they share another key */
    private static void addPairs(long[] entries, int start, int end, int weak, LongList pairs) {
        for (int x = start; x < end; x++) {
            long left = entries[x] & INDEX_MASK;
            for (int y = x + 1; y < end; y++) {
                long right = entries[y] & INDEX_MASK;
                // entries of one block are sorted by index, but two keys of one record can collide in 40 bits
                if (left != right) {
                    pairs.addFlaggedCompacting((left << 32 | right) << 1 | weak);
                }
            }
        }
    }

    public static int left(long pair) {
        return (int) (pair >>> 32);
    }

    public static int right(long pair) {
        return (int) pair;
    }
}
