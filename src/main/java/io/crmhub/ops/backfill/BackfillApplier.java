package io.crmhub.ops.backfill;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.MalformedSourceRecordException;
import io.crmhub.connector.CanonicalEventPublisher;
import io.crmhub.connector.SourceHeaders;
import io.crmhub.mapping.MappingException;
import io.crmhub.ops.backfill.BackfillCounts.Outcome;
import io.crmhub.store.ApplyOutcome;
import io.crmhub.store.CanonicalStore;
import io.crmhub.store.IsolatingApply;
import io.crmhub.store.Transience;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes a chunk of backfilled records through the live path: the same mapping ({@code canonicalPublisher.map}) and
 * the same batch apply as the store consumer — one transaction per chunk, with identity resolution and KPI facts
 * ({@link CanonicalStore#applyAll}), an event the store refuses isolated by halving the chunk
 * ({@link IsolatingApply}). A record the mapping or the store refuses goes to the dead letter
 * ({@code direct:dead-letter}) with its reason, as in the live routes. The Kafka hop is left out on purpose
 * (docs/backfill.md): history must not queue in front of live changes on the canonical topics, and a checkpoint must
 * mean "applied".
 */
@Component
public class BackfillApplier {

    static final String ROUTE_ID = "hub-backfill";
    static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(BackfillApplier.class);

    private final CanonicalEventPublisher mapper;
    private final CanonicalStore store;
    private final CamelContext camel;
    private final ProducerTemplate producer;

    public BackfillApplier(CanonicalEventPublisher mapper, CanonicalStore store, CamelContext camel,
                           ProducerTemplate producer) {
        this.mapper = mapper;
        this.store = store;
        this.camel = camel;
        this.producer = producer;
    }

    /**
     * The store's preparation of a page already mapped ({@link CanonicalStore#prepare}), called by the reader thread
     * for the page after the one being applied; a page mapped here only (no {@code events}) is not prepared.
     */
    public SourceSnapshot.Page prepared(SourceSnapshot.Page page) {
        if (page.events() != null && !page.events().isEmpty()) {
            store.prepare(page.events());
        }
        return page;
    }

    public Outcome apply(SourceChange change) {
        return applyAll(List.of(change), null).get(0);
    }

    /**
     * Maps the chunk (unless {@code mapped} holds its events already, in the same order), applies what maps in one
     * transaction, and returns each change's outcome in the order given.
     */
    public List<Outcome> applyAll(List<SourceChange> changes, List<CanonicalEvent> mapped) {
        Outcome[] outcomes = new Outcome[changes.size()];
        List<CanonicalEvent> events = new ArrayList<>(changes.size());
        List<Integer> index = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (mapped != null) {
                events.add(mapped.get(i));
                index.add(i);
                continue;
            }
            try {
                events.add(mapper.map(changes.get(i)));
                index.add(i);
            } catch (MappingException e) {
                deadLetter(changes.get(i), e);
                outcomes[i] = Outcome.DEAD_LETTERED;
            }
        }
        List<ApplyOutcome> applied = applyRetrying(events, (j, reason) -> {
            SourceChange change = changes.get(index.get(j));
            deadLetter(change.sourceRef(), change, reason);
        });
        for (int j = 0; j < applied.size(); j++) {
            ApplyOutcome outcome = applied.get(j);
            outcomes[index.get(j)] = outcome == null ? Outcome.DEAD_LETTERED : switch (outcome) {
                case APPLIED -> Outcome.APPLIED;
                case STALE -> Outcome.STALE;
                case DUPLICATE -> Outcome.DUPLICATE;
            };
        }
        return Arrays.asList(outcomes);
    }

    /**
     * The batch, again after a transient failure (a deadlock with the live store consumer, the database briefly
     * away: the transaction was rolled back whole), up to {@link #ATTEMPTS} times with back-off; then the failure
     * ends the run, resumable from its last checkpoint.
     */
    private List<ApplyOutcome> applyRetrying(List<CanonicalEvent> events, IsolatingApply.Refused refused) {
        for (int attempt = 1; ; attempt++) {
            try {
                return IsolatingApply.applyAll(store, events, refused);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !Transience.isTransient(e)) {
                    throw e;
                }
                LOG.warn("backfill: a store batch of {} failed ({}), attempt {} of {}; trying again", events.size(),
                        e.getClass().getSimpleName(), attempt, ATTEMPTS);
                LockSupport.parkNanos(200_000_000L << (attempt - 1));
            }
        }
    }

    /** A source item the snapshot could not read as a record: dead-lettered with its raw fields, as live. */
    public Outcome reject(SourceSnapshot.Unreadable item) {
        deadLetter(item.ref(), item.row(), new MalformedSourceRecordException(item.reason()));
        return Outcome.DEAD_LETTERED;
    }

    private void deadLetter(SourceChange change, MappingException error) {
        deadLetter(change.sourceRef(), change, error);
    }

    private void deadLetter(SourceRef ref, Object body, Exception error) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(SourceHeaders.SOURCE_REF, ref);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        exchange.setProperty(Exchange.FAILURE_ROUTE_ID, ROUTE_ID);
        Exchange done = producer.send("direct:dead-letter", exchange);
        if (done.getException() != null) {
            throw new BackfillException("could not record a dead letter for " + ref.qualifiedKey(),
                    done.getException());
        }
    }
}
