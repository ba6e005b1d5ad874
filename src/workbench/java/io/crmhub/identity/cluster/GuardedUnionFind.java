package io.crmhub.identity.cluster;

import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.List;

/**
 * Union-find over record indices that refuses a union the pair rules alone cannot see: pairs are decided two
 * records at a time, so A–B and B–C can each be fine while A and C carry different valid tax ids (chaining).
 * Each cluster therefore remembers its one valid tax id and its one valid resident id (hashes; a cluster never
 * holds two of either) and whether its
 * named members are branches, and a union is refused when the two clusters differ on either — the same
 * cannot-link rules as {@code PairMatcher}, checked cluster to cluster — or when the result would exceed the
 * maximum cluster size (counted as capped).
 */
final class GuardedUnionFind {

    enum Union { JOINED, ALREADY_JOINED, CANNOT_LINK, CAPPED }

    private static final byte NO_NAME = 0;
    private static final byte BRANCH = 1;
    private static final byte NOT_BRANCH = 2;

    private final int[] parent;
    private final int[] size;
    private final long[] taxId;
    private final long[] residentId;
    private final byte[] branch;
    private final int maxSize;
    private final boolean checkTaxIds;
    private final boolean checkBranches;
    private final boolean checkResidentIds;

    GuardedUnionFind(List<NormalizedCustomer> records, int maxSize, boolean checkTaxIds, boolean checkBranches) {
        this(records, maxSize, checkTaxIds, checkBranches, false);
    }

    GuardedUnionFind(List<NormalizedCustomer> records, int maxSize, boolean checkTaxIds, boolean checkBranches,
                     boolean checkResidentIds) {
        int n = records.size();
        this.residentId = new long[n];
        this.checkResidentIds = checkResidentIds;
        this.parent = new int[n];
        this.size = new int[n];
        this.taxId = new long[n];
        this.branch = new byte[n];
        this.maxSize = maxSize;
        this.checkTaxIds = checkTaxIds;
        this.checkBranches = checkBranches;
        for (int i = 0; i < n; i++) {
            NormalizedCustomer c = records.get(i);
            parent[i] = i;
            size[i] = 1;
            taxId[i] = c.validTaxId().map(KeyHash::of).orElse(0L);
            String resident = c.validResidentId();
            residentId[i] = resident == null ? 0L : KeyHash.of(resident);
            branch[i] = c.name() == null ? NO_NAME : c.name().branch() ? BRANCH : NOT_BRANCH;
        }
    }

    int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    int size(int i) {
        return size[find(i)];
    }

    Union union(int a, int b) {
        int x = find(a);
        int y = find(b);
        if (x == y) {
            return Union.ALREADY_JOINED;
        }
        if (checkTaxIds && taxId[x] != 0 && taxId[y] != 0 && taxId[x] != taxId[y]
                || checkBranches && branch[x] != NO_NAME && branch[y] != NO_NAME && branch[x] != branch[y]
                || checkResidentIds && residentId[x] != 0 && residentId[y] != 0 && residentId[x] != residentId[y]) {
            return Union.CANNOT_LINK;
        }
        if (size[x] + size[y] > maxSize) {
            return Union.CAPPED;
        }
        if (size[x] < size[y]) {
            int t = x;
            x = y;
            y = t;
        }
        parent[y] = x;
        size[x] += size[y];
        taxId[x] = taxId[x] != 0 ? taxId[x] : taxId[y];
        residentId[x] = residentId[x] != 0 ? residentId[x] : residentId[y];
        branch[x] = branch[x] != NO_NAME ? branch[x] : branch[y];
        return Union.JOINED;
    }
}
