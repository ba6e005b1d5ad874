package io.crmhub.identity.eval;

import io.crmhub.identity.cluster.SortedBlocker;
import io.crmhub.identity.match.Field;
import io.crmhub.identity.match.Level;
import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.Probabilities;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fellegi–Sunter weights estimated from the data by expectation–maximisation (Winkler's two-class EM): m (how
 * often two records of one customer agree on a level) and u (how often two records of different customers do)
 * over the candidate pairs blocking finds — the pairs the weights are applied to —, fields independent given match
 * status, starting from the hand-set values of match-rules.yaml and the share of pairs they merge. Levels that
 * weigh 0 by design (missing, same road) carry no evidence and are left out of the likelihood. Candidate pairs are
 * grouped by their pattern of levels, so an iteration costs the number of distinct patterns. No label is used; the
 * result is for a person to review, never applied on its own (u over candidate pairs is higher than over the
 * population: blocking picks pairs that agree on something).
 */
public final class WeightEstimation {

    /** Estimated m and u per field and configured level, the match share among candidate pairs, iterations run. */
    public record Estimates(Map<Field, Map<Level, Probabilities>> levels, double matchShare, int iterations) {}

    private static final Field[] FIELDS = Field.values();
    private static final double FLOOR = 1e-7;

    private final MatchRules rules;
    private final PairMatcher matcher;

    public WeightEstimation(MatchRules rules) {
        this.rules = rules;
        this.matcher = new PairMatcher(rules);
    }

    public Estimates estimate(List<NormalizedCustomer> records, long[] candidatePairs) {
        Map<List<Level>, Integer> patterns = new HashMap<>();
        int merged = 0;
        for (long pair : candidatePairs) {
            MatchExplanation e = matcher.compare(records.get(SortedBlocker.left(pair)),
                    records.get(SortedBlocker.right(pair)), TermFrequencies.none());
            merged += e.score() >= rules.thresholds().merge() ? 1 : 0;
            patterns.merge(levels(e), 1, Integer::sum);
        }
        Map<Field, Map<Level, Double>> m = configured(true);
        Map<Field, Map<Level, Double>> u = configured(false);
        // The share of matches starts at what the configured weights merge: a start at one half lets EM settle on
        // "records that agree on anything" instead of "one customer".
        double share = Math.min(0.99, Math.max(0.01, (double) merged / Math.max(1, candidatePairs.length)));
        int iteration = 0;
        for (double change = 1; iteration < 100 && change > 1e-6; iteration++) {
            Map<Field, Map<Level, Double>> mNext = zeros();
            Map<Field, Map<Level, Double>> uNext = zeros();
            Map<Field, Double> mTotal = new EnumMap<>(Field.class);
            Map<Field, Double> uTotal = new EnumMap<>(Field.class);
            double matches = 0;
            for (Map.Entry<List<Level>, Integer> e : patterns.entrySet()) {
                double pm = share;
                double pu = 1 - share;
                for (Field f : FIELDS) {
                    Level l = e.getKey().get(f.ordinal());
                    if (evidence(f, l)) {
                        pm *= probability(m.get(f), l);
                        pu *= probability(u.get(f), l);
                    }
                }
                double g = pm / (pm + pu);
                double count = e.getValue();
                matches += g * count;
                for (Field f : FIELDS) {
                    Level l = e.getKey().get(f.ordinal());
                    if (evidence(f, l)) {
                        mNext.get(f).merge(l, g * count, Double::sum);
                        mTotal.merge(f, g * count, Double::sum);
                        uNext.get(f).merge(l, (1 - g) * count, Double::sum);
                        uTotal.merge(f, (1 - g) * count, Double::sum);
                    }
                }
            }
            double nextShare = matches / candidatePairs.length;
            change = Math.abs(nextShare - share);
            share = nextShare;
            change = Math.max(change, update(m, mNext, mTotal));
            change = Math.max(change, update(u, uNext, uTotal));
        }
        Map<Field, Map<Level, Probabilities>> out = new EnumMap<>(Field.class);
        for (Field f : FIELDS) {
            Map<Level, Probabilities> levels = new EnumMap<>(Level.class);
            for (Level l : rules.fields().get(f).levels().keySet()) {
                levels.put(l, new Probabilities(Math.min(m.get(f).get(l), 0.999), Math.min(u.get(f).get(l), 0.999)));
            }
            out.put(f, levels);
        }
        return new Estimates(out, share, iteration);
    }

    /** The M step for one class; the largest change of a probability. */
    private double update(Map<Field, Map<Level, Double>> p, Map<Field, Map<Level, Double>> next,
                          Map<Field, Double> totals) {
        double change = 0;
        for (Field f : FIELDS) {
            double total = totals.getOrDefault(f, 0.0);
            if (total == 0) {
                continue; // the field was never compared: keep the configured values
            }
            for (Level l : rules.fields().get(f).levels().keySet()) {
                double value = Math.max(FLOOR, next.get(f).getOrDefault(l, 0.0) / total);
                change = Math.max(change, Math.abs(value - p.get(f).get(l)));
                p.get(f).put(l, value);
            }
        }
        return change;
    }

    /** The estimates beside the configured values, in the shape of match-rules.yaml's {@code fields:}. */
    public String yaml(Estimates e) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "# EM estimates (match share among candidate pairs %.4f, %d iterations); configured values after #%n"
                        + "fields:%n", e.matchShare(), e.iterations()));
        for (Field f : FIELDS) {
            b.append("  ").append(name(f.name())).append(":\n");
            e.levels().get(f).forEach((l, p) -> {
                Probabilities c = rules.fields().get(f).levels().get(l);
                b.append(String.format(Locale.ROOT, "    %-11s {m: %.4g, u: %.4g}   # m: %s, u: %s%n", name(l.name())
                        + ":", p.m(), p.u(), c.m(), c.u()));
            });
        }
        return b.toString();
    }

    private static String name(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<Level> levels(MatchExplanation e) {
        Level[] levels = new Level[FIELDS.length];
        for (Field f : FIELDS) {
            levels[f.ordinal()] = e.comparison(f).level();
        }
        return List.of(levels);
    }

    private Map<Field, Map<Level, Double>> configured(boolean m) {
        Map<Field, Map<Level, Double>> values = zeros();
        for (Field f : FIELDS) {
            rules.fields().get(f).levels().forEach((l, p) -> values.get(f).put(l, m ? p.m() : p.u()));
        }
        return values;
    }

    /** DIFFERENT's probability is what the configured levels leave over. */
    private static double probability(Map<Level, Double> levels, Level l) {
        if (l != Level.DIFFERENT) {
            return Math.max(FLOOR, levels.getOrDefault(l, 0.0));
        }
        double sum = 0;
        for (double p : levels.values()) {
            sum += p;
        }
        return Math.max(FLOOR, 1 - sum);
    }

    /** Missing, same road and levels a field does not configure weigh 0: no evidence either way. */
    private boolean evidence(Field f, Level l) {
        return l == Level.DIFFERENT || rules.fields().get(f).levels().containsKey(l);
    }

    private static Map<Field, Map<Level, Double>> zeros() {
        Map<Field, Map<Level, Double>> map = new EnumMap<>(Field.class);
        for (Field f : FIELDS) {
            map.put(f, new EnumMap<>(Level.class));
        }
        return map;
    }
}
