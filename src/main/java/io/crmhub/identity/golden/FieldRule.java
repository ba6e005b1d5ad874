package io.crmhub.identity.golden;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one golden field is chosen, as written under {@code fields.<field>} in survivorship.yaml.
 *
 * @param rule           the rule; {@code union} for list fields, any other rule for scalars
 * @param systems        source-priority order; needed when rule, tie-break or order is source-priority.
 *                       {@code partner} stands for every {@code partner:<id>}
 * @param ranking        highest-rank order of enum values (lower case), best first
 * @param scripts        script-priority order of Unicode scripts (lower case: han, latin ...), best first
 * @param mostRecentWins enum values that win whenever the most recent member says them (churned)
 * @param tieBreak       an optional second rule for candidates the first ranks equal
 * @param order          union only: the rule that orders the distinct values, best first
 * @param max            union only: keep at most this many values
 */
public record FieldRule(RuleName rule, List<String> systems, List<String> ranking, List<String> scripts,
                        List<String> mostRecentWins, RuleName tieBreak, RuleName order, Integer max) {

    public FieldRule {
        systems = systems == null ? List.of() : List.copyOf(systems);
        ranking = ranking == null ? List.of() : List.copyOf(ranking);
        scripts = scripts == null ? List.of() : List.copyOf(scripts);
        mostRecentWins = mostRecentWins == null ? List.of() : List.copyOf(mostRecentWins);
    }

    /** The rule that ranks candidates first: a union's order, otherwise the rule itself. */
    RuleName ranked() {
        return rule == RuleName.UNION ? order : rule;
    }

    /** The provenance name of a value this rule chose. */
    String provenanceName() {
        return rule.yamlName();
    }

    /** Fails with {@code <file>: fields.<field>.<key>: why} when this rule does not fit the field. */
    void check(GoldenField field) {
        String at = SurvivorshipRules.RESOURCE + ": fields." + field.yamlName() + ".";
        if (rule == null) {
            throw new IllegalArgumentException(at + "rule: missing");
        }
        checkShape(field, at);
        checkUsed(at);
        checkEnumValues(field, at + "ranking", ranking);
        checkScripts(field, at + "scripts");
        checkEnumValues(field, at + "most-recent-wins", mostRecentWins);
    }

    private void checkShape(GoldenField field, String at) {
        if (field.list() != (rule == RuleName.UNION)) {
            throw new IllegalArgumentException(at + "rule: " + (field.list()
                    ? "a list field takes union (order it with 'order', cut it with 'max')"
                    : "union is for the list fields emails, phones and addresses"));
        }
        if (rule == RuleName.UNION) {
            if (order == null || order == RuleName.UNION) {
                throw new IllegalArgumentException(at + "order: union needs an order rule other than union");
            }
            if (max != null && max < 1) {
                throw new IllegalArgumentException(at + "max: must be at least 1");
            }
            if (!mostRecentWins.isEmpty()) {
                throw new IllegalArgumentException(at + "most-recent-wins: not for union");
            }
        } else if (order != null || max != null) {
            throw new IllegalArgumentException(at + (order != null ? "order" : "max") + ": union only");
        }
        if (tieBreak == RuleName.UNION) {
            throw new IllegalArgumentException(at + "tie-break: union is not an ordering");
        }
    }

    /** systems and ranking go with the rules that read them, so a typo in a rule name cannot hide. */
    private void checkUsed(String at) {
        boolean bySource = uses(RuleName.SOURCE_PRIORITY);
        if (bySource == systems.isEmpty()) {
            throw new IllegalArgumentException(at + "systems: " + (bySource
                    ? "source-priority needs a non-empty list" : "only for source-priority"));
        }
        if (systems.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException(at + "systems: blank entry");
        }
        boolean byRank = uses(RuleName.HIGHEST_RANK);
        if (byRank == ranking.isEmpty()) {
            throw new IllegalArgumentException(at + "ranking: " + (byRank
                    ? "highest-rank needs a non-empty list" : "only for highest-rank"));
        }
    }

    /** Scripts are Unicode script names, and only text has a script: a typo must not rank everything last. */
    private void checkScripts(GoldenField field, String at) {
        boolean byScript = uses(RuleName.SCRIPT_PRIORITY);
        if (byScript == scripts.isEmpty()) {
            throw new IllegalArgumentException(at + ": " + (byScript
                    ? "script-priority needs a non-empty list" : "only for script-priority"));
        }
        if (byScript && !field.text()) {
            throw new IllegalArgumentException(at + ": script-priority is for the text fields " + GoldenField.TEXT);
        }
        for (String script : scripts) {
            if (Scripts.of(script) == null) {
                throw new IllegalArgumentException(at + ": '" + script + "' is not a Unicode script name (han, latin ...)");
            }
        }
    }

    private boolean uses(RuleName name) {
        return ranked() == name || tieBreak == name;
    }

    private static void checkEnumValues(GoldenField field, String at, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (field.enumType() == null) {
            throw new IllegalArgumentException(at + ": only for kind and lifecycle-status");
        }
        List<String> allowed = Arrays.stream(field.enumType().getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        for (String value : values) {
            if (!allowed.contains(Objects.requireNonNullElse(value, ""))) {
                throw new IllegalArgumentException(at + ": '" + value + "' is not one of " + allowed);
            }
        }
    }
}
