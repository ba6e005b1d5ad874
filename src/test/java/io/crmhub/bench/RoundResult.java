package io.crmhub.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How one round went through the hub, from the rows' own timestamps (PostgreSQL {@code clock_timestamp()}, the same
 * machine's clock as the commit times). A change is done when it is stored ({@code change_log.applied_at}) and,
 * for a customer, linked to a golden customer ({@code identity_link.linked_at}), for an order, order line or
 * payment, written as a KPI fact ({@code kpi_fact.applied_at}): its latency is the latest of those minus its
 * transaction's commit.
 *
 * <p>A customer insert is linked when its record's first {@code CREATED} or {@code LINKED} decision was written
 * ({@code identity_decision.decided_at}, in the same transaction as the link). {@code identity_link.linked_at} is
 * not used for it: the link row is rewritten by every later change of the record, so a customer updated 40 s after
 * its insert would count 40 s. (Without such a decision, as for a record linked by hand, the link's time counts,
 * no later than an update of the record in the same round was stored.) An update that left its link alone is done
 * when stored (the link already existed).
 *
 * @param done         changes with every part written
 * @param stopMillis   when waiting ended (everything done, or the deadline)
 * @param endToEnd     commit → done, per done change
 * @param captured     commit → mapped by the capture side ({@code change_log.ingested_at}), per stored change
 * @param stored       commit → change_log, per stored change
 * @param golden       commit → linked, per customer insert
 * @param linkRow      commit → the link row's last write (the measure before 2026-12-04, printed beside
 *                     {@code golden} so older figures can be compared: later changes of the record push it up)
 */
record RoundResult(LoadRound round, boolean complete, long storedCount, long done, long lastDoneMillis,
        long stopMillis, Latencies endToEnd, Latencies captured, Latencies stored, Latencies golden,
        Latencies linkRow) {

    /** Changes/s from the first commit to the last change done; when incomplete, done changes until the stop. */
    double perSecond() {
        long end = complete ? lastDoneMillis : stopMillis;
        return end > round.firstCommitMillis() ? done * 1000.0 / (end - round.firstCommitMillis()) : Double.NaN;
    }

    double seconds() {
        return ((complete ? lastDoneMillis : stopMillis) - round.firstCommitMillis()) / 1000.0;
    }

    static RoundResult measure(JdbcTemplate crm, LoadRound round, boolean complete) {
        long stop = System.currentTimeMillis();
        Map<LoadRound.ChangeKey, long[]> rows = new HashMap<>(); // key → {stored, linked, fact, captured}, -1 = missing
        Map<Long, Long> updateStored = new HashMap<>();
        crm.query("""
                SELECT c.source_entity, c.source_key, c.op, (extract(epoch FROM c.applied_at) * 1000)::bigint,
                    (extract(epoch FROM l.linked_at) * 1000)::bigint, (extract(epoch FROM k.applied_at) * 1000)::bigint,
                    (extract(epoch FROM c.ingested_at) * 1000)::bigint
                FROM change_log c
                LEFT JOIN identity_link l ON c.source_entity = 'customers' AND l.source_system = c.source_system
                    AND l.source_entity = c.source_entity AND l.source_key = c.source_key
                LEFT JOIN kpi_fact k ON c.source_entity <> 'customers' AND k.source_system = c.source_system
                    AND k.source_entity = c.source_entity AND k.source_key = c.source_key
                WHERE c.source_system = 'erp' AND c.op <> 'READ' AND c.applied_at >= to_timestamp(?)
                """, rs -> {
                    String key = rs.getString(2);
                    if (!key.matches("\\d{1,18}")) {
                        return;
                    }
                    LoadRound.ChangeKey k = new LoadRound.ChangeKey(rs.getString(1), Long.parseLong(key), rs.getString(3));
                    if (round.batchOf.containsKey(k)) {
                        long linked = rs.getLong(5);
                        linked = rs.wasNull() ? -1 : linked;
                        long fact = rs.getLong(6);
                        fact = rs.wasNull() ? -1 : fact;
                        rows.put(k, new long[] {rs.getLong(4), linked, fact, rs.getLong(7)});
                        if ("UPDATE".equals(k.op())) {
                            updateStored.put(k.key(), rs.getLong(4));
                        }
                    }
                }, (round.firstCommitMillis() - 1000) / 1000.0);
        Map<Long, Long> firstLinked = new HashMap<>();
        crm.query("""
                SELECT source_key, (extract(epoch FROM min(decided_at)) * 1000)::bigint FROM identity_decision
                WHERE source_system = 'erp' AND source_entity = 'customers' AND kind IN ('CREATED', 'LINKED')
                    AND decided_at >= to_timestamp(?)
                GROUP BY source_key
                """, rs -> {
                    String key = rs.getString(1);
                    if (key.matches("\\d{1,18}")) {
                        firstLinked.put(Long.parseLong(key), rs.getLong(2));
                    }
                }, (round.firstCommitMillis() - 1000) / 1000.0);
        List<Long> e2e = new ArrayList<>();
        List<Long> store = new ArrayList<>();
        List<Long> captured = new ArrayList<>();
        List<Long> golden = new ArrayList<>();
        List<Long> linkRow = new ArrayList<>();
        long last = 0;
        for (Map.Entry<LoadRound.ChangeKey, long[]> e : rows.entrySet()) {
            LoadRound.ChangeKey k = e.getKey();
            long[] t = e.getValue();
            long commit = round.commitMillis(round.batchOf.get(k));
            store.add(t[0] - commit);
            captured.add(t[3] - commit);
            long needed = "customers".equals(k.entity()) ? t[1] : t[2];
            if (needed < 0) {
                continue;
            }
            if ("CREATE".equals(k.op()) && updateStored.containsKey(k.key())) {
                needed = Math.min(needed, updateStored.get(k.key()));
            }
            boolean customerInsert = "customers".equals(k.entity()) && "CREATE".equals(k.op());
            if (customerInsert) {
                linkRow.add(Math.max(t[0], needed) - commit);
                needed = firstLinked.getOrDefault(k.key(), needed);
            }
            long doneAt = Math.max(t[0], needed);
            e2e.add(doneAt - commit);
            if (customerInsert) {
                golden.add(doneAt - commit);
            }
            last = Math.max(last, doneAt);
        }
        return new RoundResult(round, complete && e2e.size() == round.changes(), rows.size(), e2e.size(), last, stop,
                latencies(e2e), latencies(captured), latencies(store), latencies(golden),
                latencies(linkRow));
    }

    private static Latencies latencies(List<Long> millis) {
        return new Latencies(millis.stream().mapToLong(Long::longValue).toArray());
    }
}
