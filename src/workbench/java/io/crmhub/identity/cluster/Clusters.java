package io.crmhub.identity.cluster;

import java.util.List;

/**
 * The clusters of a batch and why each record is in its cluster.
 *
 * @param clusterOf record index → cluster id, the index of the cluster's first member (smallest index)
 * @param via       record index → the record it was linked to (its parent in the tree of accepted merges,
 *                  rooted at the first member); -1 for the first member
 * @param rule      record index → the rule of that link; {@link LinkRule#NEW} for the first member
 * @param score     record index → the score of that link (0 for the first member)
 * @param reviews   pairs in the review band; pairs that ended in one cluster anyway are left out
 * @param stats     counts of the batch
 */
public record Clusters(int[] clusterOf, int[] via, LinkRule[] rule, float[] score, List<ReviewPair> reviews,
                       ClusterStats stats) {

    public int size() {
        return clusterOf.length;
    }
}
