package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.messaging.KafkaBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The store consumer's step: a poll's worth of canonical events ({@code kafka-batch}, body = the records'
 * exchanges) applied in one transaction; the consumer commits their Kafka offsets once this step returned, so only
 * after the database commit.
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
    private final Timer oldestQueued;
    private final Timer newestQueued;

    public StoreBatchApply(CanonicalEventReader reader, CanonicalStore store, ProducerTemplate producer,
                           MeterRegistry registry) {
        this.reader = reader;
        this.store = store;
        this.producer = producer;
        this.oldestQueued = queuedTimer(registry, "oldest");
        this.newestQueued = queuedTimer(registry, "newest");
    }

    /**
     * How long a batch's events waited between their publish (the Kafka record's timestamp) and the start of their
     * batch: the oldest one tells how far behind the store is, the newest one how long an event that arrives while
     * the store keeps up still waits before its batch begins.
     */
    private static Timer queuedTimer(MeterRegistry registry, String which) {
        return Timer.builder("hub.store.batch.queued")
                .description("Time from a canonical event's publish to the start of its store batch, for the oldest "
                        + "and the newest event of each batch")
                .tag("event", which).register(registry);
    }

    public void apply(Exchange batch) {
        List<Exchange> records = KafkaBatch.records(batch);
        recordQueued(records);
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
    }

    private void recordQueued(List<Exchange> records) {
        long now = System.currentTimeMillis();
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (Exchange record : records) {
            Long published = record.getMessage().getHeader(KafkaConstants.TIMESTAMP, Long.class);
            if (published != null && published > 0) {
                oldest = Math.min(oldest, published);
                newest = Math.max(newest, published);
            }
        }
        if (oldest != Long.MAX_VALUE) {
            oldestQueued.record(Math.max(0, now - oldest), TimeUnit.MILLISECONDS);
            newestQueued.record(Math.max(0, now - newest), TimeUnit.MILLISECONDS);
        }
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
