package io.crmhub.identity.golden;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses every field of a golden customer from the source records linked to it, and remembers where each value
 * came from. Immutable, so one instance serves every thread; the same members in any order give the same record.
 */
public final class Survivorship {

    private final SurvivorshipRules rules;

    public Survivorship(SurvivorshipRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** Rules from the packaged {@code mappings/identity/survivorship.yaml}. */
    public static Survivorship fromClasspath() {
        return new Survivorship(SurvivorshipRules.fromClasspath());
    }

    /** Rules from any YAML stream in the format of survivorship.yaml. */
    public static Survivorship read(InputStream yaml) throws IOException {
        return new Survivorship(SurvivorshipRules.read(yaml));
    }

    public SurvivorshipRules rules() {
        return rules;
    }

    /**
     * The golden record of these members. Deleted members are ignored, so a value disappears from the golden
     * record when the last source carrying it deletes its record. When every member is deleted the record is
     * built from all of them anyway: the caller marks that golden customer inactive, and its last known values
     * and their provenance stay readable instead of turning into an empty record.
     *
     * @throws IllegalArgumentException when there are no members: a golden record without a source cannot exist
     */
    public GoldenRecord survive(List<SourceMember> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a golden record needs at least one member");
        }
        List<SourceMember> live = members.stream().filter(m -> !m.deleted()).toList();
        List<SourceMember> used = live.isEmpty() ? members : live;
        Map<GoldenField, Object> values = new EnumMap<>(GoldenField.class);
        Map<String, FieldProvenance> provenance = new HashMap<>();
        for (GoldenField field : GoldenField.values()) {
            List<Choice> chosen = FieldChooser.choose(field, rules.fields().get(field), candidates(field, used));
            List<Object> fieldValues = new ArrayList<>();
            for (Choice choice : chosen) {
                provenance.put(field.provenanceKey(fieldValues.size()),
                        FieldProvenance.of(choice.candidate().member(), choice.rule()));
                fieldValues.add(choice.candidate().value());
            }
            values.put(field, field.list() ? List.copyOf(fieldValues) : fieldValues.stream().findFirst().orElse(null));
        }
        return new GoldenRecord(GoldenField.assemble(values), provenance);
    }

    /** Every present value every member offers for the field; blanks never get to compete. */
    private static List<Candidate> candidates(GoldenField field, List<SourceMember> members) {
        List<Candidate> candidates = new ArrayList<>();
        for (SourceMember member : members) {
            if (member.customer() == null) {
                continue;
            }
            List<?> offered = field.valuesOf(member.customer());
            for (int i = 0; i < offered.size(); i++) {
                Object value = offered.get(i);
                if (Values.present(value)) {
                    candidates.add(new Candidate(value, Values.key(field, value), member, i));
                }
            }
        }
        return candidates;
    }
}
