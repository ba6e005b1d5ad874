package io.crmhub.identity.cluster;

import io.crmhub.identity.match.Field;
import io.crmhub.identity.match.FieldLevels;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.Probabilities;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Term frequencies of a whole batch, counted lean. {@link TermFrequencies#count} keeps every value of every
 * record in a map; at a million records that is millions of entries, nearly all counted once. A value seen
 * once changes nothing once the batch is large: its frequency 1/total is below every configured u, so
 * {@code max(u, count/total)} is u either way, and the phone rule's "carried by at most N records" holds for 0
 * as for 1. So large batches count hashed values in a sorted array and keep only values seen twice or more;
 * small batches, where 1/total can exceed a u, use the exact count. Both passes run on the batch's threads.
 */
public final class Frequencies {

    private Frequencies() {}

    /** The values {@link TermFrequencies#count} counts, each once per record. */
    private interface ValueSink {
        void accept(Field field, String value);
    }

    public static TermFrequencies count(List<NormalizedCustomer> records, MatchRules rules) {
        return count(records, rules, 2);
    }

    public static TermFrequencies count(List<NormalizedCustomer> records, MatchRules rules, int threads) {
        if (records.isEmpty() || 1.0 / records.size() >= smallestU(rules)) {
            return TermFrequencies.count(records);
        }
        Repeated repeated = repeated(records, threads);
        List<Map<Field, Map<String, Long>>> parts = Parallel.map(records.size(), threads, range -> {
            Map<Field, Map<String, Long>> counts = emptyCounts();
            for (int i = range.from(); i < range.to(); i++) {
                values(records.get(i), (field, value) -> {
                    int n = repeated.count(hash(field, value));
                    if (n > 1) {
                        counts.get(field).put(value, (long) n);
                    }
                });
            }
            return counts;
        });
        Map<Field, Map<String, Long>> counts = parts.get(0);
        for (Map<Field, Map<String, Long>> part : parts.subList(1, parts.size())) {
            part.forEach((field, values) -> counts.get(field).putAll(values));
        }
        return new TermFrequencies(counts, records.size());
    }

    private static Map<Field, Map<String, Long>> emptyCounts() {
        Map<Field, Map<String, Long>> counts = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            counts.put(field, new HashMap<>());
        }
        return counts;
    }

    private static void values(NormalizedCustomer c, ValueSink sink) {
        if (c.nameKey() != null) {
            sink.accept(Field.NAME, c.nameKey());
        }
        c.phones().forEach(p -> sink.accept(Field.PHONE, p.e164()));
        c.emails().forEach(e -> sink.accept(Field.EMAIL, e.address()));
        List<NormalizedAddress> addresses = c.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            String key = addresses.get(i).termValue();
            if (!firstOccurrence(addresses, i, key)) {
                continue;
            }
            sink.accept(Field.ADDRESS, key);
        }
    }

    private static boolean firstOccurrence(List<NormalizedAddress> addresses, int at, String key) {
        for (int j = 0; j < at; j++) {
            if (addresses.get(j).termValue().equals(key)) {
                return false;
            }
        }
        return true;
    }

    private static long hash(Field field, String value) {
        return KeyHash.of(field.ordinal() + value);
    }

    /** Hashes seen twice or more, with their counts, in an open-addressing table. */
    private static Repeated repeated(List<NormalizedCustomer> records, int threads) {
        List<LongList> parts = Parallel.map(records.size(), threads, range -> {
            LongList part = new LongList((range.to() - range.from()) * 4);
            for (int i = range.from(); i < range.to(); i++) {
                values(records.get(i), (field, value) -> part.add(hash(field, value)));
            }
            return part;
        });
        LongList all = new LongList(parts.stream().mapToInt(LongList::size).sum());
        parts.forEach(all::addAll);
        long[] sorted = all.toArray();
        Arrays.parallelSort(sorted);
        Repeated repeated = new Repeated(sorted.length);
        for (int start = 0; start < sorted.length; ) {
            int end = start + 1;
            while (end < sorted.length && sorted[end] == sorted[start]) {
                end++;
            }
            if (end - start > 1) {
                repeated.put(sorted[start], end - start);
            }
            start = end;
        }
        return repeated;
    }

    private static final class Repeated {
        private final long[] keys;
        private final int[] counts;
        private final int mask;

        Repeated(int values) {
            int capacity = Integer.highestOneBit(Math.max(16, values)) << 1;
            keys = new long[capacity];
            counts = new int[capacity];
            mask = capacity - 1;
        }

        void put(long hash, int count) {
            int at = slot(hash);
            keys[at] = hash;
            counts[at] = count;
        }

        /** The count of a hash seen twice or more, else 0. */
        int count(long hash) {
            return counts[slot(hash)];
        }

        private int slot(long hash) {
            int at = (int) hash & mask;
            while (counts[at] != 0 && keys[at] != hash) {
                at = (at + 1) & mask;
            }
            return at;
        }
    }

    private static double smallestU(MatchRules rules) {
        return rules.fields().values().stream().map(FieldLevels::levels).flatMap(l -> l.values().stream())
                .mapToDouble(Probabilities::u).min().orElse(1);
    }
}
