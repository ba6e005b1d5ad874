package io.crmhub.kpi;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When this hub last made KPI facts visible: the commit of its newest transaction that wrote facts
 * ({@code hub_kpi_freshness_seconds}). Kept here rather than read as {@code max(applied_at)} from the store, which took
 * an index entry for every fact written (V32). Each hub reports what it applied itself: with several hubs in one
 * consumer group the cluster's freshness is the youngest of theirs; a hub that has applied no fact since it started
 * has none to report.
 */
@Component
public class KpiFreshness {

    private final AtomicReference<Instant> newest = new AtomicReference<>();
    private final Clock clock;

    @Autowired
    KpiFreshness() {
        this(Clock.systemUTC());
    }

    KpiFreshness(Clock clock) {
        this.clock = clock;
    }

    /**
     * Facts were written in the current transaction: they reach the indicators when it commits (never, if it rolls
     * back); outside a transaction, now.
     */
    void factsWritten() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            committed();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed();
            }
        });
    }

    private void committed() {
        Instant now = clock.instant();
        newest.accumulateAndGet(now, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    /** The commit time of the newest facts this hub applied; empty before its first. */
    public Optional<Instant> newestFact() {
        return Optional.ofNullable(newest.get());
    }
}
