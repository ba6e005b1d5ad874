package io.crmhub.identity.golden;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Survivorship rules as orderings of candidates, best first. Every ordering ends in {@link #FINAL}, which
 * separates any two different candidates, so the winner never depends on the order members arrive in.
 */
final class Rankings {

    /** A system entry that stands for every {@code partner:<id>} system. */
    static final String PARTNER = "partner";

    /** The change that occurred last first; a member without occurredAt counts as the oldest. */
    static final Comparator<Candidate> MOST_RECENT = Comparator
            .comparing((Candidate c) -> Objects.requireNonNullElse(c.member().occurredAt(), Instant.MIN))
            .thenComparingLong(c -> c.member().sequence())
            .reversed();

    /**
     * The fixed last tie-break: most recent, then source key in lexical order, then the member's own list order,
     * then the value itself. The last steps only matter for broken input (one source record twice), but they
     * keep the result a function of the set of members.
     */
    static final Comparator<Candidate> FINAL = MOST_RECENT
            .thenComparing(c -> c.member().source().qualifiedKey())
            .thenComparingInt(Candidate::index)
            .thenComparing(Candidate::key)
            .thenComparing(c -> String.valueOf(c.value()));

    private Rankings() {}

    /** The field's rule (a union's order), then its tie-break, then {@link #FINAL}, over these candidates. */
    static Comparator<Candidate> of(FieldRule rule, List<Candidate> candidates) {
        Map<String, Integer> frequency = frequency(candidates);
        Comparator<Candidate> order = single(rule.ranked(), rule, frequency);
        if (rule.tieBreak() != null) {
            order = order.thenComparing(single(rule.tieBreak(), rule, frequency));
        }
        return order.thenComparing(FINAL);
    }

    private static Comparator<Candidate> single(RuleName name, FieldRule rule, Map<String, Integer> frequency) {
        return switch (name) {
            case SOURCE_PRIORITY -> Comparator.comparingInt(c -> priority(rule.systems(), c.member().source().system()));
            case MOST_RECENT -> MOST_RECENT;
            case MOST_COMPLETE -> Comparator.comparingInt((Candidate c) -> Values.completeness(c.value())).reversed();
            case MOST_FREQUENT -> Comparator.comparingInt((Candidate c) -> frequency.get(c.key())).reversed();
            case HIGHEST_RANK -> Comparator.comparingInt(c -> position(rule.ranking(), c.key()));
            case SCRIPT_PRIORITY -> {
                List<Character.UnicodeScript> scripts = Scripts.all(rule.scripts());
                yield Comparator.comparingInt(c -> Scripts.rank(scripts, c.value()));
            }
            case UNION -> throw new IllegalArgumentException("union is not an ordering");
        };
    }

    /**
     * The index of the first entry naming this system; {@code partner} names every {@code partner:<id>}, so list
     * a specific partner before it to rank that partner higher. Unlisted systems rank after all listed ones.
     */
    static int priority(List<String> systems, String system) {
        for (int i = 0; i < systems.size(); i++) {
            String entry = systems.get(i);
            if (entry.equals(system) || (entry.equals(PARTNER) && system != null && system.startsWith(PARTNER + ":"))) {
                return i;
            }
        }
        return systems.size();
    }

    private static int position(List<String> ranking, String key) {
        int index = ranking.indexOf(key);
        return index < 0 ? ranking.size() : index;
    }

    /** Per value key, how many distinct source records carry it: one record listing a value twice is one vote. */
    private static Map<String, Integer> frequency(List<Candidate> candidates) {
        Map<String, Set<String>> carriers = new HashMap<>();
        for (Candidate c : candidates) {
            carriers.computeIfAbsent(c.key(), k -> new HashSet<>()).add(c.member().source().qualifiedKey());
        }
        Map<String, Integer> frequency = new HashMap<>();
        carriers.forEach((key, records) -> frequency.put(key, records.size()));
        return frequency;
    }
}
