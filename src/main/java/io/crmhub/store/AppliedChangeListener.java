package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import java.util.List;

/**
 * Told of the changes the store applied (not of duplicates or stale changes), a batch at a time, inside the apply
 * transaction: what it writes commits or rolls back with the changes themselves, and an exception it throws undoes
 * the batch, so the events are retried or dead-lettered. Listeners write in bulk: a batch costs a fixed number of
 * round trips, not one per change.
 */
public interface AppliedChangeListener {

    /** @param events the applied changes, in the order they were applied (a record's changes by sequence) */
    void applied(List<CanonicalEvent> events);

    /**
     * Work that needs the events only (parsing, normalising), done before their batch's transaction, possibly on
     * another thread while the store applies the batch before it ({@link CanonicalStore#prepare}). Whatever it
     * computes must be safe to throw away: the batch may still turn out stale, fail or be split.
     */
    default void prepare(List<CanonicalEvent> events) {
    }

    /** The stage name this listener's time is reported under ({@code hub_store_batch_stage_seconds{stage}}). */
    String stage();
}
