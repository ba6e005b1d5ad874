package io.crmhub.ops.backfill;

import java.util.HashMap;
import java.util.Map;

/** B-cubed comparison of two clusterings of the same records (record id → cluster id). */
final class Clusterings {

    private Clusterings() {}

    /** B-cubed F1 of {@code clusters} against {@code truth}, over the records both name. */
    static double bcubedF1(Map<String, String> clusters, Map<String, String> truth) {
        Map<String, Integer> clusterSize = new HashMap<>();
        Map<String, Integer> truthSize = new HashMap<>();
        Map<String, Integer> cell = new HashMap<>();
        int n = 0;
        for (Map.Entry<String, String> e : clusters.entrySet()) {
            String t = truth.get(e.getKey());
            if (t == null) {
                continue;
            }
            n++;
            clusterSize.merge(e.getValue(), 1, Integer::sum);
            truthSize.merge(t, 1, Integer::sum);
            cell.merge(e.getValue() + "\u0000" + t, 1, Integer::sum);
        }
        double precision = 0;
        double recall = 0;
        for (Map.Entry<String, Integer> e : cell.entrySet()) {
            String[] parts = e.getKey().split("\u0000", 2);
            double c = e.getValue();
            precision += c * c / clusterSize.get(parts[0]);
            recall += c * c / truthSize.get(parts[1]);
        }
        precision /= n;
        recall /= n;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
