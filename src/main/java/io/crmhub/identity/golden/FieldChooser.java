package io.crmhub.identity.golden;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Applies one field's rule to its candidates. */
final class FieldChooser {

    private static final String MOST_RECENT = RuleName.MOST_RECENT.yamlName();

    private FieldChooser() {}

    /** The surviving values, best first: at most one for a scalar, the ordered distinct values for a union. */
    static List<Choice> choose(GoldenField field, FieldRule rule, List<Candidate> candidates) {
        List<Candidate> pool = field == GoldenField.TAX_ID ? validFirst(candidates) : candidates;
        if (pool.isEmpty()) {
            return List.of();
        }
        return rule.rule() == RuleName.UNION ? union(rule, pool) : List.of(single(rule, pool));
    }

    private static Choice single(FieldRule rule, List<Candidate> pool) {
        if (!rule.mostRecentWins().isEmpty()) {
            Candidate latest = best(pool, Rankings.FINAL);
            if (rule.mostRecentWins().contains(latest.key())) {
                return new Choice(latest, MOST_RECENT);
            }
        }
        return new Choice(best(pool, Rankings.of(rule, pool)), rule.provenanceName());
    }

    /**
     * The distinct values (one per key), ordered by where their best candidate ranks and cut to max. A key seen
     * in several forms is written in its most complete one (a phone's known type over "unknown"), and its
     * provenance names the member that supplied that form.
     */
    private static List<Choice> union(FieldRule rule, List<Candidate> pool) {
        Comparator<Candidate> order = Rankings.of(rule, pool);
        Comparator<Candidate> form = Comparator.comparingInt((Candidate c) -> Values.completeness(c.value()))
                .reversed().thenComparing(order);
        Map<String, List<Candidate>> byKey = pool.stream().collect(Collectors.groupingBy(Candidate::key));
        long max = rule.max() == null ? Long.MAX_VALUE : rule.max();
        return byKey.values().stream()
                .sorted(Comparator.comparing((List<Candidate> same) -> best(same, order), order))
                .limit(max)
                .map(same -> new Choice(best(same, form), rule.provenanceName()))
                .toList();
    }

    /**
     * A tax id with a wrong check character is a typo: any valid one beats it, whatever the rule says. Only when
     * no member has a valid id does an invalid one survive, so the golden record still shows what was typed.
     */
    private static List<Candidate> validFirst(List<Candidate> candidates) {
        List<Candidate> valid = candidates.stream().filter(c -> Values.validTaxId(c.value())).toList();
        return valid.isEmpty() ? candidates : valid;
    }

    private static Candidate best(List<Candidate> pool, Comparator<Candidate> order) {
        return pool.stream().min(order).orElseThrow();
    }
}
