package io.crmhub.identity.resolve;

import io.crmhub.identity.match.Blocker;
import io.crmhub.identity.match.Field;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys the store keeps per linked record: block keys (how candidates are found, see {@link Blocker}) and
 * term keys ({@code tf:<field>:<value>}, how many records carry a value, for the term-frequency adjustment).
 * Both live in one table so one indexed lookup answers "who shares this" and "how common is it". A value that is
 * already a block key (every phone, a non-role e-mail, an address with a road) is counted by its block key: a
 * term key is kept only for the values blocking does not use (the full name key, role e-mails, road-less
 * addresses), which halves the keys written per record.
 */
final class IdentityKeys {

    private static final String TERM = "tf:";

    private final Blocker blocker;

    IdentityKeys(Blocker blocker) {
        this.blocker = blocker;
    }

    Set<String> blockKeys(NormalizedCustomer c) {
        return blocker.keys(c);
    }

    Set<String> termKeys(NormalizedCustomer c) {
        Set<String> keys = new LinkedHashSet<>();
        if (c.nameKey() != null) {
            keys.add(term(Field.NAME, c.nameKey()));
        }
        // phones are all block keys (Blocker), so their block key counts them
        c.emails().stream().filter(NormalizedEmail::role).forEach(e -> keys.add(term(Field.EMAIL, e.address())));
        c.addresses().stream().filter(a -> a.road() == null).map(NormalizedAddress::matchKey)
                .forEach(a -> keys.add(term(Field.ADDRESS, a)));
        return keys;
    }

    Set<String> all(NormalizedCustomer c) {
        Set<String> keys = new LinkedHashSet<>(blockKeys(c));
        keys.addAll(termKeys(c));
        return keys;
    }

    /**
     * Term frequencies from the counts of term keys and of the block keys that double as term keys (phone, e-mail,
     * address); other keys in {@code counts} are ignored.
     */
    static TermFrequencies frequencies(Map<String, Long> counts, long population) {
        Map<Field, Map<String, Long>> byField = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            byField.put(field, new HashMap<>());
        }
        counts.forEach((key, count) -> {
            for (Map.Entry<String, Field> prefix : COUNTED_PREFIXES) {
                if (key.startsWith(prefix.getKey())) {
                    byField.get(prefix.getValue()).merge(key.substring(prefix.getKey().length()), count, Long::sum);
                    return;
                }
            }
        });
        return new TermFrequencies(byField, population);
    }

    /** Block key kinds ({@link Blocker}) whose value is also the compared value of a field. */
    private static final Map<String, Field> COUNTED_BY_BLOCK_KEY =
            Map.of("phone", Field.PHONE, "email", Field.EMAIL, "address", Field.ADDRESS);

    /**
     * The beginnings of the keys that count a field's value ({@code tf:<FIELD>:} and the block key kinds above, each
     * with its colon), the value being the rest: matched without cutting every key of a batch apart.
     */
    private static final List<Map.Entry<String, Field>> COUNTED_PREFIXES = countedPrefixes();

    private static List<Map.Entry<String, Field>> countedPrefixes() {
        List<Map.Entry<String, Field>> prefixes = new java.util.ArrayList<>();
        for (Field field : Field.values()) {
            prefixes.add(Map.entry(TERM + field.name() + ":", field));
        }
        COUNTED_BY_BLOCK_KEY.forEach((kind, field) -> prefixes.add(Map.entry(kind + ":", field)));
        return List.copyOf(prefixes);
    }

    static boolean isTermKey(String key) {
        return key.startsWith(TERM);
    }

    private static String term(Field field, String value) {
        return TERM + field.name() + ":" + value;
    }

    static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
