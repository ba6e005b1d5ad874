package io.crmhub.identity.match;

/**
 * The weights of every field and level, computed once from the rules: FieldLevels derives them on each call,
 * which a batch of millions of pairs cannot afford. See {@link FellegiSunterScorer} for the term-frequency
 * adjustment.
 */
final class Weights {

    /** Where the strongest comparison of a field is written when an explanation is wanted. */
    static final class Best {
        Level level;
        boolean tfAdjusted;
    }

    private final double[][] weight;
    private final double[][] m;
    private final double[][] u;
    private final boolean[][] adjustable;

    Weights(MatchRules rules) {
        int fields = Field.values().length;
        int levels = Level.values().length;
        weight = new double[fields][levels];
        m = new double[fields][levels];
        u = new double[fields][levels];
        adjustable = new boolean[fields][levels];
        for (Field field : Field.values()) {
            FieldLevels configured = rules.fields().get(field);
            for (Level level : Level.values()) {
                weight[field.ordinal()][level.ordinal()] = configured.weight(level);
                Probabilities p = configured.levels().get(level);
                if (p != null && level.equalValue()) {
                    adjustable[field.ordinal()][level.ordinal()] = true;
                    m[field.ordinal()][level.ordinal()] = p.m();
                    u[field.ordinal()][level.ordinal()] = p.u();
                }
            }
        }
    }

    /** The weight of one comparison; records level and adjustment in {@code best} when it is not null. */
    double weigh(Field field, Level level, String value, TermFrequencies tf, Best best) {
        int f = field.ordinal();
        int l = level.ordinal();
        double w;
        boolean adjusted = false;
        if (!adjustable[f][l]) {
            w = weight[f][l];
        } else {
            double configuredU = u[f][l];
            double adjustedU = tf.adjustedU(field, value, configuredU);
            adjusted = adjustedU > configuredU;
            // Agreeing is never evidence against a match, however common the value: floor at 0.
            w = Math.max(0, Probabilities.log2(m[f][l] / adjustedU));
        }
        if (best != null) {
            best.level = level;
            best.tfAdjusted = adjusted;
        }
        return w;
    }

    /** The stronger of {@code strongest} and this comparison, keeping the earlier one on a tie. */
    double stronger(double strongest, Field field, Level level, String value, TermFrequencies tf, Best best) {
        if (best == null) {
            return Math.max(strongest, weigh(field, level, value, tf, null));
        }
        Level keptLevel = best.level;
        boolean keptAdjusted = best.tfAdjusted;
        double w = weigh(field, level, value, tf, best);
        if (strongest != Double.NEGATIVE_INFINITY && w <= strongest) {
            best.level = keptLevel;
            best.tfAdjusted = keptAdjusted;
            return strongest;
        }
        return w;
    }
}
