package io.crmhub.identity.eval;

/**
 * How well a clustering matches the ground truth.
 *
 * @param truePairs         pairs of records of the same entity
 * @param blockedTruePairs  of those, pairs that shared a block key and so were compared
 * @param pairTp            pairs in one cluster and one entity (pairwise over the final clusters, i.e. after
 *                          transitive closure, not over the pair decisions)
 * @param pairFp            pairs in one cluster but of two entities
 * @param pairFn            pairs of one entity split over two clusters
 * @param mergeDecisions    pairs the matcher decided MERGE
 * @param wrongMerges       of those, pairs of two entities
 * @param bcubedPrecision   B-cubed precision: mean over records of |cluster ∩ entity| / |cluster|
 * @param bcubedRecall      B-cubed recall: mean over records of |cluster ∩ entity| / |entity|
 * @param exactClusters     share of entities whose records form exactly one cluster with nothing else in it
 */
public record Quality(long truePairs, long blockedTruePairs, long pairTp, long pairFp, long pairFn,
                      long mergeDecisions, long wrongMerges, double bcubedPrecision, double bcubedRecall,
                      double exactClusters) {

    public double blockingRecall() {
        return truePairs == 0 ? 1 : (double) blockedTruePairs / truePairs;
    }

    public double pairPrecision() {
        return pairTp + pairFp == 0 ? 1 : (double) pairTp / (pairTp + pairFp);
    }

    public double pairRecall() {
        return pairTp + pairFn == 0 ? 1 : (double) pairTp / (pairTp + pairFn);
    }

    public double pairF1() {
        return f1(pairPrecision(), pairRecall());
    }

    public double bcubedF1() {
        return f1(bcubedPrecision, bcubedRecall);
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
