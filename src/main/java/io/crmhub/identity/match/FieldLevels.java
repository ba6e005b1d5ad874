package io.crmhub.identity.match;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.EnumMap;
import java.util.Map;

/**
 * The configured agreement levels of one field and the weights derived from them.
 *
 * @param levels agreement level → its m and u; the levels are mutually exclusive, so their m's (and u's)
 *               must sum to less than 1, the rest being the probability of disagreeing
 */
public record FieldLevels(Map<Level, Probabilities> levels) {

    public FieldLevels {
        levels = Map.copyOf(new EnumMap<>(levels));
        for (Level derived : new Level[] {Level.DIFFERENT, Level.SAME_ROAD, Level.MISSING}) {
            if (levels.containsKey(derived)) {
                throw new IllegalArgumentException("level " + derived + " is derived and cannot be configured");
            }
        }
        if (sumM(levels) >= 1 || sumU(levels) >= 1) {
            throw new IllegalArgumentException("the m and u of a field's levels must each sum to less than 1");
        }
    }

    /** How match-rules.yaml writes a field: its levels directly, without a wrapper key. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FieldLevels of(Map<Level, Probabilities> levels) {
        return new FieldLevels(levels);
    }

    /**
     * The weight of a level without term-frequency adjustment: log2(m/u) for a configured agreement level,
     * log2((1 - sum m)/(1 - sum u)) for {@link Level#DIFFERENT}, and 0 for a level the field does not
     * configure, {@link Level#SAME_ROAD} and {@link Level#MISSING} (no evidence either way).
     */
    public double weight(Level level) {
        if (level == Level.DIFFERENT) {
            return Probabilities.log2((1 - sumM(levels)) / (1 - sumU(levels)));
        }
        Probabilities p = levels.get(level);
        return p == null ? 0 : p.agreementWeight();
    }

    private static double sumM(Map<Level, Probabilities> levels) {
        return levels.values().stream().mapToDouble(Probabilities::m).sum();
    }

    private static double sumU(Map<Level, Probabilities> levels) {
        return levels.values().stream().mapToDouble(Probabilities::u).sum();
    }
}
