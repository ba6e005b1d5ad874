package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.EntityType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies canonical events to the CRM store with an exactly-once effect: a change is applied only when
 * its source sequence is higher than the one stored for that source record, so re-deliveries and late,
 * older changes change nothing and are counted ({@code hub_store_events_total{outcome}}).
 * Deletes are soft: the record keeps its last payload and gains the deletion time and position.
 *
 * <p>A batch (a poll's worth of events) is one transaction with a fixed number of statements per entity: the
 * stored sequences of its records are read and locked, each record's newest change is written by one multi-row
 * upsert, every change newer than what was stored gets its {@code change_log} row (so a batch logs exactly what
 * applying its events one by one would), and the {@link AppliedChangeListener}s (identity resolution, KPI facts)
 * are told of the applied changes together, in the same transaction.
 */
@Component("canonicalStore")
public class CanonicalStore {

    /** {@code hub_store_batch_duration_seconds_bucket} bounds. */
    private static final Duration[] BATCH_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)};

    private final TransactionTemplate tx;
    private final StoreStatements sql;
    private final Map<EntityType, Map<ApplyOutcome, Counter>> counters = new EnumMap<>(EntityType.class);
    private final List<AppliedChangeListener> listeners;
    private final Timer rowsTimer;
    /** A whole batch: its transaction, commit (and the KPI restatement the commit runs) included. */
    private final Timer batchTimer;
    private final DistributionSummary batchSize;
    private final Map<AppliedChangeListener, Timer> listenerTimers = new java.util.IdentityHashMap<>();

    public CanonicalStore(StoreStatements sql, TransactionTemplate tx, MeterRegistry registry,
                          List<AppliedChangeListener> listeners) {
        this.sql = sql;
        this.tx = tx;
        this.listeners = List.copyOf(listeners);
        for (EntityType type : EntityType.values()) {
            Map<ApplyOutcome, Counter> byOutcome = new EnumMap<>(ApplyOutcome.class);
            for (ApplyOutcome outcome : ApplyOutcome.values()) {
                byOutcome.put(outcome, Counter.builder("hub.store.events")
                        .description("Canonical events applied to the CRM store, by outcome")
                        .tag("entity", type.id()).tag("outcome", outcome.name().toLowerCase())
                        .register(registry));
            }
            counters.put(type, byOutcome);
        }
        rowsTimer = stageTimer(registry, "records");
        batchTimer = Timer.builder("hub.store.batch.duration")
                .description("Time a store batch takes from its first statement to its commit")
                // buckets, so that the long batches behind a latency tail can be counted (and alerted on)
                .serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        batchSize = DistributionSummary.builder("hub.store.batch.events")
                .description("Canonical events per store batch").register(registry);
        this.listeners.forEach(l -> listenerTimers.put(l, stageTimer(registry, l.stage())));
    }

    /** The timer of one stage of a store batch ({@code hub_store_batch_stage_seconds{stage}}). */
    public static Timer stageTimer(MeterRegistry registry, String stage) {
        return Timer.builder("hub.store.batch.stage")
                .description("Time a store batch spends in each stage: records (upserts, change log), identity, kpi")
                .tag("stage", stage).register(registry);
    }

    /**
     * Lets each listener do the part of its work that needs the events only ({@link AppliedChangeListener#prepare}),
     * outside any transaction: a caller that has the next batch while the store applies the current one (a backfill
     * reading ahead) calls this from its own thread, and that CPU work then overlaps the database's.
     */
    public void prepare(List<CanonicalEvent> events) {
        listeners.forEach(listener -> listener.prepare(events));
    }

    public ApplyOutcome apply(CanonicalEvent event) {
        return applyAll(List.of(event)).get(0);
    }

    /** Applies a batch in one transaction; returns each event's outcome, in the order given. */
    public List<ApplyOutcome> applyAll(List<CanonicalEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        List<ApplyOutcome> outcomes = tx.execute(status -> applyInTransaction(events));
        batchTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        batchSize.record(events.size());
        for (int i = 0; i < events.size(); i++) {
            counters.get(events.get(i).entity()).get(outcomes.get(i)).increment();
        }
        return outcomes;
    }

    private List<ApplyOutcome> applyInTransaction(List<CanonicalEvent> events) {
        long started = System.nanoTime();
        ApplyOutcome[] outcomes = new ApplyOutcome[events.size()];
        Map<EntityType, List<Integer>> byEntity = new EnumMap<>(EntityType.class);
        for (int i = 0; i < events.size(); i++) {
            byEntity.computeIfAbsent(events.get(i).entity(), t -> new ArrayList<>()).add(i);
        }
        byEntity.forEach((entity, indexes) -> applyEntity(entity, indexes, events, outcomes));
        List<CanonicalEvent> applied = new ArrayList<>();
        List<CanonicalEvent> notApplied = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            (outcomes[i] == ApplyOutcome.APPLIED ? applied : notApplied).add(events.get(i));
        }
        sql.logChanges(applied);
        Set<String> seen = sql.loggedEventIds(notApplied);
        for (int i = 0; i < events.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = seen.contains(events.get(i).eventId()) ? ApplyOutcome.DUPLICATE : ApplyOutcome.STALE;
            }
        }
        rowsTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (!applied.isEmpty()) {
            // In the same transaction: a customer is never stored without its identity link, nor linked unstored.
            listeners.forEach(listener -> listenerTimers.get(listener).record(() -> listener.applied(applied)));
        }
        return Arrays.asList(outcomes);
    }

    /** Marks as APPLIED every change newer than what its record had (stored or earlier in the batch). */
    private void applyEntity(EntityType entity, List<Integer> indexes, List<CanonicalEvent> events,
                             ApplyOutcome[] outcomes) {
        List<CanonicalEvent> mine = indexes.stream().map(events::get).toList();
        Map<String, Long> sequence = sql.lockStoredSequences(entity, mine);
        Set<String> held = Set.copyOf(sequence.keySet());
        Map<String, Integer> newest = new LinkedHashMap<>();
        Map<String, List<Integer>> appliedOf = new LinkedHashMap<>();
        Map<String, CanonicalEvent> lastPayload = new LinkedHashMap<>();
        for (int i : indexes) {
            CanonicalEvent e = events.get(i);
            String key = e.source().qualifiedKey();
            Long stored = sequence.get(key);
            if (stored == null || e.source().sequence() > stored) {
                sequence.put(key, e.source().sequence());
                newest.put(key, i);
                appliedOf.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
                outcomes[i] = ApplyOutcome.APPLIED;
                if (e.payload() != null && !e.op().isDelete()) {
                    lastPayload.put(key, e); // serialised once, in the upsert, and only if a delete needs it
                }
            }
        }
        // a delete keeps the record's last payload, also when that payload arrived earlier in this very batch
        Set<String> written = new HashSet<>(sql.upsert(entity, newest.values().stream().map(events::get).toList(),
                lastPayload, held));
        // a record a concurrent writer (a rebalance) moved past us in between: none of our changes applies
        appliedOf.forEach((key, applied) -> {
            if (!written.contains(key)) {
                applied.forEach(i -> outcomes[i] = null);
            }
        });
    }
}
