package io.crmhub.identity.cluster;

import java.util.Arrays;

/**
 * Turns the accepted merges of a cluster into one link per member — the member it was linked to, with rule and
 * score — by walking the tree of accepted merges from the cluster's first member. Each accepted union joined two
 * clusters, so the accepted merges form a tree per cluster and every member but the first has one parent.
 */
final class SpanningLinks {

    final int[] via;
    final LinkRule[] rule;
    final float[] score;

    SpanningLinks(int records, int[] clusterOf, long[] edges, LinkRule[] edgeRules, float[] edgeScores) {
        via = new int[records];
        rule = new LinkRule[records];
        score = new float[records];
        Arrays.fill(via, -1);
        Arrays.fill(rule, LinkRule.NEW);
        int[] start = new int[records + 1];
        int[] adjacent = adjacency(records, edges, start);
        int[] queue = new int[records];
        for (int root = 0; root < records; root++) {
            if (clusterOf[root] == root && start[root + 1] > start[root]) {
                walk(root, start, adjacent, edges, edgeRules, edgeScores, queue);
            }
        }
    }

    /** CSR adjacency: the edges of record r are adjacent[start[r] .. start[r+1]), as edge indices. */
    private static int[] adjacency(int records, long[] edges, int[] start) {
        for (long e : edges) {
            start[SortedBlocker.left(e) + 1]++;
            start[SortedBlocker.right(e) + 1]++;
        }
        for (int r = 0; r < records; r++) {
            start[r + 1] += start[r];
        }
        int[] fill = Arrays.copyOf(start, records);
        int[] adjacent = new int[edges.length * 2];
        for (int e = 0; e < edges.length; e++) {
            adjacent[fill[SortedBlocker.left(edges[e])]++] = e;
            adjacent[fill[SortedBlocker.right(edges[e])]++] = e;
        }
        return adjacent;
    }

    private void walk(int root, int[] start, int[] adjacent, long[] edges, LinkRule[] rules, float[] scores,
                      int[] queue) {
        int head = 0;
        int tail = 0;
        queue[tail++] = root;
        while (head < tail) {
            int r = queue[head++];
            for (int k = start[r]; k < start[r + 1]; k++) {
                int e = adjacent[k];
                int other = SortedBlocker.left(edges[e]) == r ? SortedBlocker.right(edges[e]) : SortedBlocker.left(edges[e]);
                if (other != root && via[other] == -1) {
                    via[other] = r;
                    rule[other] = rules[e];
                    score[other] = scores[e];
                    queue[tail++] = other;
                }
            }
        }
    }
}
