package io.crmhub.identity.cluster;

import io.crmhub.identity.match.Outcome;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pair decisions of a batch: every candidate pair decided by {@link PairMatcher#decide} on several threads
 * (review pairs are then explained with {@link PairMatcher#compare}, which decides the same).
 * Merges are kept as primitive arrays, ordered strongest first (rule, then score) as the clustering consumes
 * them; review pairs keep their explanation.
 *
 * @param mergePairs merge pairs ({@code left << 32 | right}), strongest first
 * @param mergeRules the rule of each merge pair
 * @param mergeScores the score of each merge pair
 * @param reviewPairs pairs in the review band ({@code left << 32 | right}), in pair order
 * @param explainer   explains a review pair again when it is read ({@link #review}): a million records give
 *                    millions of review pairs, and their field comparisons held all at once took more heap than
 *                    the records themselves
 */
public record Decisions(long[] mergePairs, LinkRule[] mergeRules, float[] mergeScores, long[] reviewPairs,
                        Explainer explainer) {

    /** Compares a pair of the batch again, for the person who will review it. */
    public record Explainer(List<NormalizedCustomer> records, PairMatcher matcher, TermFrequencies tf) {
        ReviewPair explain(long pair) {
            int l = SortedBlocker.left(pair);
            int r = SortedBlocker.right(pair);
            return new ReviewPair(l, r, matcher.compare(records.get(l), records.get(r), tf));
        }
    }

    /** The review pairs given, explained as they are read. */
    static List<ReviewPair> explained(long[] pairs, Explainer explainer) {
        return new java.util.AbstractList<>() {
            @Override
            public ReviewPair get(int index) {
                return explainer.explain(pairs[index]);
            }

            @Override
            public int size() {
                return pairs.length;
            }
        };
    }

    private record Part(LongList merges, List<LinkRule> rules, List<Float> scores, LongList reviews) {}

    static Decisions compare(List<NormalizedCustomer> records, long[] pairs, PairMatcher matcher,
                             TermFrequencies tf, int threads) {
        List<Part> parts = Parallel.map(pairs.length, threads, range -> {
            Part part = new Part(new LongList(1024), new ArrayList<>(), new ArrayList<>(), new LongList(1024));
            for (int p = range.from(); p < range.to(); p++) {
                int l = SortedBlocker.left(pairs[p]);
                int r = SortedBlocker.right(pairs[p]);
                PairMatcher.Decision d = matcher.decide(records.get(l), records.get(r), tf);
                if (d.outcome() == Outcome.MERGE) {
                    part.merges().add(pairs[p]);
                    part.rules().add(LinkRule.of(d.rule()));
                    part.scores().add((float) d.score());
                } else if (d.outcome() == Outcome.REVIEW) {
                    part.reviews().add(pairs[p]); // explained when read (Explainer)
                }
            }
            return part;
        });
        return strongestFirst(parts, new Explainer(records, matcher, tf));
    }

    private static Decisions strongestFirst(List<Part> parts, Explainer explainer) {
        int n = parts.stream().mapToInt(p -> p.merges().size()).sum();
        long[] pairs = new long[n];
        LinkRule[] rules = new LinkRule[n];
        float[] scores = new float[n];
        long[] order = new long[n];
        int i = 0;
        for (Part part : parts) {
            for (int j = 0; j < part.merges().size(); j++, i++) {
                pairs[i] = part.merges().get(j);
                rules[i] = part.rules().get(j);
                scores[i] = part.scores().get(j);
                order[i] = (long) strength(rules[i], scores[i]) << 32 | i;
            }
        }
        Arrays.parallelSort(order);
        long[] sortedPairs = new long[n];
        LinkRule[] sortedRules = new LinkRule[n];
        float[] sortedScores = new float[n];
        for (int k = 0; k < n; k++) {
            int from = (int) order[k];
            sortedPairs[k] = pairs[from];
            sortedRules[k] = rules[from];
            sortedScores[k] = scores[from];
        }
        LongList reviews = new LongList(parts.stream().mapToInt(p -> p.reviews().size()).sum());
        parts.forEach(p -> reviews.addAll(p.reviews()));
        return new Decisions(sortedPairs, sortedRules, sortedScores, reviews.toArray(), explainer);
    }

    /** Ascending sort key: stronger rule first, then higher score (scores clamped to ±1000 bits, 0.01 steps). */
    private static int strength(LinkRule rule, float score) {
        int scoreRank = 100_000 - Math.round(Math.max(-1000f, Math.min(1000f, score)) * 100);
        return rule.ordinal() * 1_000_000 + scoreRank;
    }
}
