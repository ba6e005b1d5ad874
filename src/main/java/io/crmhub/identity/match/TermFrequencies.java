package io.crmhub.identity.match;

import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How many records carry each value, per field: the input of the term-frequency adjustment. Values are the
 * keys the comparators compare (name match key, E.164 number, e-mail address, address match key), so a
 * count can come from the store as well as from {@link #count}.
 *
 * @param counts per field, value → number of records carrying it
 * @param total  number of records counted; 0 means no frequencies are known and nothing is adjusted
 */
public record TermFrequencies(Map<Field, Map<String, Long>> counts, long total) {

    public TermFrequencies {
        Map<Field, Map<String, Long>> copy = new EnumMap<>(Field.class);
        counts.forEach((field, values) -> copy.put(field, Map.copyOf(values)));
        counts = copy;
    }

    /** No frequencies: every agreement keeps its configured weight. */
    public static TermFrequencies none() {
        return new TermFrequencies(Map.of(), 0);
    }

    /** Counts every value of every record once per record. */
    public static TermFrequencies count(Collection<NormalizedCustomer> customers) {
        Map<Field, Map<String, Long>> counts = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            counts.put(field, new HashMap<>());
        }
        for (NormalizedCustomer c : customers) {
            if (c.nameKey() != null) {
                add(counts, Field.NAME, c.nameKey());
            }
            c.phones().forEach(p -> add(counts, Field.PHONE, p.e164()));
            c.emails().forEach(e -> add(counts, Field.EMAIL, e.address()));
            c.addresses().stream().map(NormalizedAddress::termValue).distinct().forEach(a -> add(counts, Field.ADDRESS, a));
        }
        return new TermFrequencies(counts, customers.size());
    }

    private static void add(Map<Field, Map<String, Long>> counts, Field field, String value) {
        counts.get(field).merge(value, 1L, Long::sum);
    }

    /** Number of records carrying {@code value} in {@code field}; 0 when unknown. */
    public long count(Field field, String value) {
        return counts.getOrDefault(field, Map.of()).getOrDefault(value, 0L);
    }

    /**
     * The u probability of agreeing on this very value: u_tf = max(u, count/total). Two unrelated records
     * agree on a value about as often as the value occurs, so a value carried by 3 % of records (王伟, a
     * switchboard, info@) cannot be rarer evidence than 3 %. Taking the max means a rare value keeps the
     * configured u and is never boosted above the level's weight: rare names were already what u describes.
     */
    public double adjustedU(Field field, String value, double u) {
        if (total <= 0 || value == null) {
            return u;
        }
        return Math.max(u, (double) count(field, value) / total);
    }
}
