package io.crmhub.identity.cluster;

/**
 * What a batch did, for reports and metrics.
 *
 * @param records          records clustered
 * @param blocks           distinct block keys shared by at least two records
 * @param purgedBlocks     blocks over the maximum size, never compared
 * @param candidatePairs   distinct pairs compared
 * @param mergePairs       pairs decided MERGE
 * @param reviewPairs      pairs in the review band
 * @param cannotLinkUnions merges refused because the two clusters' tax ids or branch flags differ
 * @param cappedUnions     merges refused because the cluster would exceed the maximum size
 * @param clusters         clusters (golden customers), singletons included
 * @param largestCluster   records in the largest cluster
 */
public record ClusterStats(int records, int blocks, int purgedBlocks, long candidatePairs, long mergePairs,
                           long reviewPairs, long cannotLinkUnions, long cappedUnions, int clusters,
                           int largestCluster) {}
