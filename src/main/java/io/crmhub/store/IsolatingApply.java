package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch applied in one transaction without letting one bad event hold up the others: when the batch fails for a
 * reason that is not transient, each half is applied on its own (in order), down to the single event at fault,
 * which is applied once more (a failure that does not repeat was not the event's) and then handed to the caller's
 * {@link Refused} (the dead letter). k bad events in a batch of n cost about k·(log2(n) + 1) extra transactions, not
 * n. A transient failure (database away, lock lost) is thrown: the caller retries the whole batch. Shared by the
 * store consumer ({@link StoreBatchApply}) and the backfill.
 */
public final class IsolatingApply {

    private static final Logger LOG = LoggerFactory.getLogger(IsolatingApply.class);

    /** Told of an event the store refused on its own, by its index in the list given. */
    @FunctionalInterface
    public interface Refused {
        void refused(int index, RuntimeException reason);
    }

    private IsolatingApply() {}

    /**
     * Applies the events; returns each one's outcome in the order given, {@code null} for the events refused (and
     * handed to {@code refused}).
     */
    public static List<ApplyOutcome> applyAll(CanonicalStore store, List<CanonicalEvent> events, Refused refused) {
        ApplyOutcome[] outcomes = new ApplyOutcome[events.size()];
        apply(store, events, 0, events.size(), outcomes, refused);
        return Arrays.asList(outcomes);
    }

    private static void apply(CanonicalStore store, List<CanonicalEvent> events, int from, int to,
                              ApplyOutcome[] outcomes, Refused refused) {
        if (from >= to) {
            return;
        }
        try {
            List<ApplyOutcome> done = store.applyAll(new ArrayList<>(events.subList(from, to)));
            for (int i = from; i < to; i++) {
                outcomes[i] = done.get(i - from);
            }
        } catch (RuntimeException e) {
            if (Transience.isTransient(e)) {
                throw e;
            }
            if (to - from == 1) {
                confirm(store, events.get(from), from, outcomes, refused);
                return;
            }
            LOG.debug("A batch of {} events failed ({}); splitting it to isolate the event at fault", to - from,
                    e.getClass().getName());
            int half = from + (to - from) / 2;
            apply(store, events, from, half, outcomes, refused);
            apply(store, events, half, to, outcomes, refused);
        }
    }

    /**
     * The event failed alone for a reason not known to be the world's: it is applied once more in a transaction of its
     * own before it is refused, so that a failure no list of transient exceptions foresaw (a commit cut by a database
     * restart once arrived as a rollback failure without an SQLState) does not cost a valid event. A failure the
     * data causes repeats; one the world causes either does not or now shows as transient and is thrown.
     */
    private static void confirm(CanonicalStore store, CanonicalEvent event, int index, ApplyOutcome[] outcomes,
                                Refused refused) {
        try {
            outcomes[index] = store.applyAll(new ArrayList<>(List.of(event))).get(0);
        } catch (RuntimeException again) {
            if (Transience.isTransient(again)) {
                throw again;
            }
            refused.refused(index, again);
        }
    }
}
