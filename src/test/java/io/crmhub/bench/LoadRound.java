package io.crmhub.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one measured round committed: for every change the ERP transaction that carried it, for every
 * transaction when its commit returned, and how many changes of each kind there were, so that completion can be
 * decided by counting (every customer insert needs a golden link, every order, line and payment a KPI fact).
 */
final class LoadRound {

    /** Which change of the round a store row answers: entity, key and operation as the hub names them. */
    record ChangeKey(String entity, long key, String op) {}

    final String name;
    final Map<ChangeKey, Integer> batchOf = new HashMap<>();
    final List<Long> commitMillis = new ArrayList<>();
    /** When the first transaction started to be sent (its rows were generated before). */
    long startMillis;
    /** Per ERP table, the lowest and highest id this round inserted (ids come from sequences: no overlap). */
    final Map<String, long[]> inserted = new HashMap<>();
    int originals;
    int copies;
    int updates;
    int orders;
    int lines;
    int payments;

    LoadRound(String name) {
        this.name = name;
    }

    void add(String entity, long key, String op, int batch) {
        batchOf.put(new ChangeKey(entity, key, op), batch);
        if ("CREATE".equals(op)) {
            long[] r = inserted.computeIfAbsent(entity, e -> new long[] {key, key});
            r[0] = Math.min(r[0], key);
            r[1] = Math.max(r[1], key);
        }
    }

    Integer batchOf(String entity, long key, String op) {
        return batchOf.get(new ChangeKey(entity, key, op));
    }

    boolean updated(long customerId) {
        return batchOf.containsKey(new ChangeKey("customers", customerId, "UPDATE"));
    }

    int changes() {
        return batchOf.size();
    }

    /** Customer inserts: each must end linked to a golden customer. */
    int customerInserts() {
        return originals + copies;
    }

    /** Orders, order lines and payments: each must end as a KPI fact. */
    int factInserts() {
        return orders + lines + payments;
    }

    long commitMillis(int batch) {
        return commitMillis.get(batch);
    }

    long firstCommitMillis() {
        return commitMillis.get(0);
    }

    long lastCommitMillis() {
        return commitMillis.get(commitMillis.size() - 1);
    }

    int batches() {
        return commitMillis.size();
    }

    /** From sending the first transaction until the last commit returned. */
    double commitSeconds() {
        return (lastCommitMillis() - startMillis) / 1000.0;
    }

    String mix() {
        return String.format("%,d customer inserts (%,d re-typed copies), %,d customer updates, %,d orders, "
                + "%,d order lines, %,d payments", customerInserts(), copies, updates, orders, lines, payments);
    }
}
