package io.crmhub.identity.eval;

import io.crmhub.identity.cluster.Decisions;
import io.crmhub.identity.cluster.SortedBlocker;
import java.util.Arrays;

/** Compares clusters with the ground truth: {@link Quality}, computed over primitive arrays in O(n log n). */
public final class QualityMeter {

    private QualityMeter() {}

    /**
     * @param clusterOf      record → cluster id (a record index)
     * @param entity         record → true entity id (dense from 0)
     * @param candidatePairs the sorted distinct pairs blocking produced
     * @param decisions      the pair decisions
     */
    public static Quality measure(int[] clusterOf, int[] entity, long[] candidatePairs, Decisions decisions) {
        int n = clusterOf.length;
        int[] entitySize = sizes(entity);
        int[] clusterSize = sizes(clusterOf);
        long[] cells = new long[n];
        for (int i = 0; i < n; i++) {
            cells[i] = (long) clusterOf[i] << 32 | entity[i];
        }
        Arrays.parallelSort(cells);
        long tp = 0;
        double precision = 0;
        double recall = 0;
        int exact = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && cells[end] == cells[start]) {
                end++;
            }
            long c = end - start;
            int p = clusterSize[(int) (cells[start] >>> 32)];
            int e = entitySize[(int) cells[start]];
            tp += c * (c - 1) / 2;
            precision += (double) c * c / p;
            recall += (double) c * c / e;
            exact += c == p && c == e ? 1 : 0;
            start = end;
        }
        long truePairs = pairs(entitySize);
        long wrong = wrongMerges(decisions.mergePairs(), entity);
        return new Quality(truePairs, blockedTruePairs(entity, candidatePairs), tp, pairs(clusterSize) - tp,
                truePairs - tp, decisions.mergePairs().length, wrong, precision / n, recall / n,
                (double) exact / Arrays.stream(entitySize).filter(s -> s > 0).count());
    }

    private static int[] sizes(int[] ids) {
        int[] sizes = new int[Arrays.stream(ids).max().orElse(0) + 1];
        for (int id : ids) {
            sizes[id]++;
        }
        return sizes;
    }

    private static long pairs(int[] sizes) {
        long pairs = 0;
        for (long s : sizes) {
            pairs += s * (s - 1) / 2;
        }
        return pairs;
    }

    /** True pairs found among the candidates: records of one entity, grouped by sorting (entity, index). */
    private static long blockedTruePairs(int[] entity, long[] candidates) {
        long[] byEntity = new long[entity.length];
        for (int i = 0; i < entity.length; i++) {
            byEntity[i] = (long) entity[i] << 32 | i;
        }
        Arrays.sort(byEntity);
        long found = 0;
        for (int start = 0; start < byEntity.length; ) {
            int end = start;
            while (end < byEntity.length && byEntity[end] >>> 32 == byEntity[start] >>> 32) {
                end++;
            }
            for (int a = start; a < end; a++) {
                for (int b = a + 1; b < end; b++) {
                    long pair = (byEntity[a] & 0xFFFFFFFFL) << 32 | (byEntity[b] & 0xFFFFFFFFL);
                    found += Arrays.binarySearch(candidates, pair) >= 0 ? 1 : 0;
                }
            }
            start = end;
        }
        return found;
    }

    private static long wrongMerges(long[] merges, int[] entity) {
        long wrong = 0;
        for (long m : merges) {
            wrong += entity[SortedBlocker.left(m)] != entity[SortedBlocker.right(m)] ? 1 : 0;
        }
        return wrong;
    }
}
