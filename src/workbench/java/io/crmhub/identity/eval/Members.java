package io.crmhub.identity.eval;

/** Groups record indices by cluster: cluster id (its first member) → member indices, ascending. */
final class Members {

    private Members() {}

    /** @return an array indexed by cluster id; null where the index is not a cluster's first member */
    static int[][] of(int[] clusterOf) {
        int n = clusterOf.length;
        int[] size = new int[n];
        for (int id : clusterOf) {
            size[id]++;
        }
        int[][] members = new int[n][];
        for (int i = 0; i < n; i++) {
            if (size[i] > 0) {
                members[i] = new int[size[i]];
            }
        }
        int[] fill = new int[n];
        for (int r = 0; r < n; r++) {
            members[clusterOf[r]][fill[clusterOf[r]]++] = r;
        }
        return members;
    }
}
