package io.crmhub.identity.cluster;

import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.List;

/**
 * Resolves a whole batch of normalised records at once — the evaluation harness and the dry run — with the same
 * rules as the hub: block (OR of keys, oversized blocks purged), compare every candidate pair with
 * {@link PairMatcher} using term frequencies of the whole batch, then cluster: merges are applied strongest
 * first (deterministic rules, then score) through a union-find that refuses cannot-link and oversized unions.
 * Pure and repeatable: the same records give the same clusters whatever the thread count. The stages are public
 * so a caller can time them.
 */
public final class BatchClusterer {

    private final PairMatcher matcher;
    private final SortedBlocker blocker;
    private final int threads;

    public BatchClusterer(MatchRules rules, int threads) {
        this.matcher = new PairMatcher(rules);
        this.blocker = new SortedBlocker(rules.blocking(), threads);
        this.threads = threads;
    }

    public Clusters run(List<NormalizedCustomer> records) {
        SortedBlocker.Result blocks = block(records);
        return cluster(records, blocks, compare(records, blocks.pairs()));
    }

    public SortedBlocker.Result block(List<NormalizedCustomer> records) {
        return blocker.block(records);
    }

    public Decisions compare(List<NormalizedCustomer> records, long[] pairs) {
        TermFrequencies tf = Frequencies.count(records, matcher.rules(), threads);
        return Decisions.compare(records, pairs, matcher, tf, threads);
    }

    public Clusters cluster(List<NormalizedCustomer> records, SortedBlocker.Result blocks, Decisions decisions) {
        MatchRules rules = matcher.rules();
        GuardedUnionFind uf = new GuardedUnionFind(records, rules.clustering().maxClusterSize(),
                rules.cannotLink().differentTaxIds(), rules.cannotLink().branchAndHeadOffice(),
                rules.cannotLink().differentResidentIds());
        long[] merges = decisions.mergePairs();
        LongList accepted = new LongList(merges.length);
        long cannotLink = 0;
        long capped = 0;
        for (int m = 0; m < merges.length; m++) {
            switch (uf.union(SortedBlocker.left(merges[m]), SortedBlocker.right(merges[m]))) {
                case JOINED -> accepted.add(m);
                case CANNOT_LINK -> cannotLink++;
                case CAPPED -> capped++;
                case ALREADY_JOINED -> { }
            }
        }
        int[] clusterOf = firstMembers(uf, records.size());
        SpanningLinks links = links(records.size(), clusterOf, decisions, accepted);
        LongList open = new LongList(decisions.reviewPairs().length);
        for (long pair : decisions.reviewPairs()) {
            if (clusterOf[SortedBlocker.left(pair)] != clusterOf[SortedBlocker.right(pair)]) {
                open.add(pair);
            }
        }
        List<ReviewPair> reviews = Decisions.explained(open.toArray(), decisions.explainer());
        ClusterStats stats = new ClusterStats(records.size(), blocks.blocks(), blocks.purgedBlocks(),
                blocks.pairs().length, merges.length, reviews.size(), cannotLink, capped,
                count(clusterOf), largest(uf, records.size()));
        return new Clusters(clusterOf, links.via, links.rule, links.score, reviews, stats);
    }

    private static SpanningLinks links(int records, int[] clusterOf, Decisions d, LongList accepted) {
        int n = accepted.size();
        long[] edges = new long[n];
        LinkRule[] rules = new LinkRule[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            int m = (int) accepted.get(i);
            edges[i] = d.mergePairs()[m];
            rules[i] = d.mergeRules()[m];
            scores[i] = d.mergeScores()[m];
        }
        return new SpanningLinks(records, clusterOf, edges, rules, scores);
    }

    /** Cluster id = index of the cluster's first member, so ids do not depend on union order. */
    private static int[] firstMembers(GuardedUnionFind uf, int n) {
        int[] firstOfRoot = new int[n];
        java.util.Arrays.fill(firstOfRoot, -1);
        int[] clusterOf = new int[n];
        for (int i = 0; i < n; i++) {
            int root = uf.find(i);
            if (firstOfRoot[root] < 0) {
                firstOfRoot[root] = i;
            }
            clusterOf[i] = firstOfRoot[root];
        }
        return clusterOf;
    }

    private static int count(int[] clusterOf) {
        int clusters = 0;
        for (int i = 0; i < clusterOf.length; i++) {
            clusters += clusterOf[i] == i ? 1 : 0;
        }
        return clusters;
    }

    private static int largest(GuardedUnionFind uf, int n) {
        int largest = n == 0 ? 0 : 1;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, uf.size(i));
        }
        return largest;
    }
}
