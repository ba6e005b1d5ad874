package io.crmhub.identity.cluster;

import io.crmhub.identity.match.Field;
import io.crmhub.identity.match.FieldLevels;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.Probabilities;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
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
 * small batches, where 1/total can exceed a u, use the exact count.
 */
public final class Frequencies {

    private Frequencies() {}

    public static TermFrequencies count(List<NormalizedCustomer> records, MatchRules rules) {
        if (records.isEmpty() || 1.0 / records.size() >= smallestU(rules)) {
            return TermFrequencies.count(records);
        }
        long[] hashes = hashes(records);
        Arrays.parallelSort(hashes);
        Map<Field, Map<String, Long>> counts = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            counts.put(field, new HashMap<>());
        }
        for (NormalizedCustomer c : records) {
            for (Value v : values(c)) {
                long n = occurrences(hashes, KeyHash.of(v.field().ordinal() + v.value()));
                if (n > 1) {
                    counts.get(v.field()).put(v.value(), n);
                }
            }
        }
        return new TermFrequencies(counts, records.size());
    }

    private record Value(Field field, String value) {}

    /** The values {@link TermFrequencies#count} counts, each once per record. */
    private static List<Value> values(NormalizedCustomer c) {
        List<Value> values = new ArrayList<>();
        if (c.nameKey() != null) {
            values.add(new Value(Field.NAME, c.nameKey()));
        }
        c.phones().forEach(p -> values.add(new Value(Field.PHONE, p.e164())));
        c.emails().forEach(e -> values.add(new Value(Field.EMAIL, e.address())));
        c.addresses().stream().map(NormalizedAddress::matchKey).distinct()
                .forEach(a -> values.add(new Value(Field.ADDRESS, a)));
        return values;
    }

    private static long[] hashes(List<NormalizedCustomer> records) {
        LongList all = new LongList(records.size() * 4);
        for (NormalizedCustomer c : records) {
            for (Value v : values(c)) {
                all.add(KeyHash.of(v.field().ordinal() + v.value()));
            }
        }
        return all.toArray();
    }

    private static long occurrences(long[] sorted, long hash) {
        int at = Arrays.binarySearch(sorted, hash);
        if (at < 0) {
            return 0;
        }
        int from = at;
        int to = at;
        while (from > 0 && sorted[from - 1] == hash) {
            from--;
        }
        while (to < sorted.length - 1 && sorted[to + 1] == hash) {
            to++;
        }
        return to - from + 1L;
    }

    private static double smallestU(MatchRules rules) {
        return rules.fields().values().stream().map(FieldLevels::levels).flatMap(l -> l.values().stream())
                .mapToDouble(Probabilities::u).min().orElse(1);
    }
}
