package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.messaging.KafkaBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The store consumer's step: a poll's worth of canonical events (camel-kafka batching, body = the records'
 * exchanges) applied in one transaction, then their Kafka offsets committed, only after the database commit.
 * A message that is not a canonical event, or an event the store refuses, goes to the dead letter with its
 * reason and never holds up the others: when the batch fails for a reason that is not transient, it is split
 * until the culprit is alone. A transient failure (database or broker away) is thrown, so the
 * route retries the whole batch; a stop or a rebalance meanwhile leaves the offsets uncommitted, and the batch is
 * read again, never skipped.
 */
@Component("canonicalStoreBatch")
public class StoreBatchApply {

    static final String ROUTE_ID = "canonical-store-apply";

    private final CanonicalEventReader reader;
    private final CanonicalStore store;
    private final ProducerTemplate producer;

    public StoreBatchApply(CanonicalEventReader reader, CanonicalStore store, ProducerTemplate producer) {
        this.reader = reader;
        this.store = store;
        this.producer = producer;
    }

    public void apply(Exchange batch) {
        List<Exchange> records = KafkaBatch.records(batch);
        List<CanonicalEvent> events = new ArrayList<>(records.size());
        List<Exchange> sources = new ArrayList<>(records.size());
        for (Exchange record : records) {
            try {
                events.add(reader.read(record.getMessage().getBody(String.class)));
                sources.add(record);
            } catch (InvalidEventException e) {
                deadLetter(record, e);
            }
        }
        applyIsolating(events, sources);
        KafkaBatch.commitOffsets(records);
    }

    /** The batch in one transaction, the events at fault alone in the dead letter ({@link IsolatingApply}). */
    private void applyIsolating(List<CanonicalEvent> events, List<Exchange> sources) {
        if (!events.isEmpty()) {
            IsolatingApply.applyAll(store, events, (index, reason) -> deadLetter(sources.get(index), reason));
        }
    }

    private void deadLetter(Exchange record, Exception reason) {
        KafkaBatch.deadLetter(producer, record, reason, ROUTE_ID);
    }
}
