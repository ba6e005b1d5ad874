package io.crmhub.ops.backfill;

import io.crmhub.canonical.SourceChange;
import io.crmhub.identity.resolve.IdentityCounts;
import io.crmhub.ops.backfill.Reconciliation.Mismatch;
import io.crmhub.ops.deadletter.DeadLetterStore;
import io.crmhub.store.StoredRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Compares a fresh read of the source range with the CRM store, key by key. The store's keys of the source entity
 * are held in memory (about 100 bytes each: a few million fit a 1 GiB heap); the source is streamed page by page.
 */
@Component
public class Reconciler {

    private static final int PAGE = 1000;

    private final StoredRecords records;
    private final IdentityCounts identity;
    private final DeadLetterStore deadLetters;

    public Reconciler(StoredRecords records, IdentityCounts identity, DeadLetterStore deadLetters) {
        this.records = records;
        this.identity = identity;
        this.deadLetters = deadLetters;
    }

    public Reconciliation reconcile(BackfillSource source, BackfillRequest r, int limit) {
        String system = source.storeSystem(r);
        analyze();
        try (SourceSnapshot snapshot = source.open(r, OptionalLong.empty())) {
            Map<String, Boolean> store = storeKeys(system, r.entity(), snapshot);
            long live = store.values().stream().filter(deleted -> !deleted).count();
            List<Mismatch> missing = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            long[] totals = new long[3]; // source, missing, deleted
            String cursor = null;
            for (SourceSnapshot.Page page = snapshot.next(null, PAGE); !page.isEmpty();
                    page = snapshot.next(cursor, PAGE)) {
                for (SourceChange change : page.changes()) {
                    // a file source repeats a record in later exports, and carries other entities (order lines)
                    if (!change.entity().equals(r.entity()) || !seen.add(change.key())) {
                        continue;
                    }
                    if (change.op().isDelete()) {
                        // a tombstone (OA deleted flag) is no source record: fine if the store has none live
                        store.remove(change.key(), Boolean.TRUE);
                        continue;
                    }
                    totals[0]++;
                    Boolean isDeleted = store.remove(change.key());
                    if (isDeleted == null && totals[1]++ < limit) {
                        missing.add(new Mismatch(change.key(), lastDeadLetter(system, r.entity(), change.key())));
                    } else if (Boolean.TRUE.equals(isDeleted) && totals[2]++ < limit) {
                        deleted.add(change.key());
                    }
                }
                cursor = page.cursor();
            }
            List<String> extra = !snapshot.placesStoreRecords() ? List.of() : store.entrySet().stream()
                    .filter(e -> !e.getValue()).map(Map.Entry::getKey).sorted().toList();
            long matched = totals[0] - totals[1] - totals[2];
            long[] golden = goldens(system, r.entity(), seen, snapshot);
            return new Reconciliation(totals[0], snapshot.placesStoreRecords() ? live : matched, matched, missing,
                    totals[1], deleted, totals[2],
                    extra.subList(0, Math.min(limit, extra.size())), extra.size(), golden[0], golden[1]);
        }
    }

    /**
     * Customers only: the golden customers the live, linked store records of the source range belong to, and the
     * active golden customers of the whole store; {-1, -1} when the entity has no customer records.
     */
    private long[] goldens(String system, String entity, Set<String> sourceKeys, SourceSnapshot snapshot) {
        if (!records.hasCustomers(system, entity)) {
            return new long[] {-1, -1};
        }
        Set<java.util.UUID> goldens = new HashSet<>();
        identity.forEachLinkedGolden(system, entity, (key, golden) -> {
            if (sourceKeys.contains(key) && snapshot.inRange(key)) {
                goldens.add(golden);
            }
        });
        return new long[] {goldens.size(), identity.activeGoldens()};
    }

    /**
     * Fresh planner statistics for the tables a backfill fills. Right after a bulk load they still describe the store
     * before it (autovacuum analyses a minute later at best): PostgreSQL then estimates one row for the new source
     * system and joins its records with its links by a nested loop over every record of the system, which took
     * minutes at 20,000 records and hit the statement timeout (the reconciliation's golden count, below).
     */
    private void analyze() {
        records.analyze();
        identity.analyze();
    }

    /** Key → deleted, for the store records of the source entity within the range. */
    private Map<String, Boolean> storeKeys(String system, String entity, SourceSnapshot snapshot) {
        Map<String, Boolean> keys = new HashMap<>();
        records.forEachKey(system, entity, (key, deleted) -> {
            if (snapshot.inRange(key)) {
                keys.put(key, deleted);
            }
        });
        return keys;
    }

    private String lastDeadLetter(String system, String entity, String key) {
        return deadLetters.lastReason(system, entity, key).orElse("not in the store");
    }
}
