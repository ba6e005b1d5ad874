package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(StoreBatchApply.class);

    private final CanonicalEventReader reader;
    private final CanonicalStore store;
    private final ProducerTemplate producer;

    public StoreBatchApply(CanonicalEventReader reader, CanonicalStore store, ProducerTemplate producer) {
        this.reader = reader;
        this.store = store;
        this.producer = producer;
    }

    public void apply(Exchange batch) {
        List<?> body = batch.getMessage().getBody(List.class);
        List<Exchange> records = body == null ? List.of() : body.stream().map(Exchange.class::cast).toList();
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
        commitOffsets(records);
    }

    /** The batch in one transaction, the events at fault alone in the dead letter ({@link IsolatingApply}). */
    private void applyIsolating(List<CanonicalEvent> events, List<Exchange> sources) {
        if (!events.isEmpty()) {
            IsolatingApply.applyAll(store, events, (index, reason) -> deadLetter(sources.get(index), reason));
        }
    }

    /** Hands one record to the dead-letter route, as the route's error handler would for a single exchange. */
    private void deadLetter(Exchange record, Exception reason) {
        Exchange letter = record.copy();
        letter.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
        letter.setProperty(Exchange.FAILURE_ROUTE_ID, ROUTE_ID);
        Exchange done = producer.send("direct:dead-letter", letter);
        if (done.getException() != null) {
            throw new IllegalStateException("dead letter not recorded; the batch is retried", done.getException());
        }
    }

    /** One synchronous commit of the next offset of every partition the batch read, on the consumer's thread. */
    private static void commitOffsets(List<Exchange> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Consumer<?, ?> consumer = null;
        for (Exchange record : records) {
            Object commit = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT);
            if (commit instanceof DefaultKafkaManualCommit manual) {
                consumer = manual.getCamelExchangePayload().consumer;
                offsets.merge(manual.getPartition(), new OffsetAndMetadata(manual.getRecordOffset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
            }
        }
        if (consumer == null || offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(30));
        } catch (KafkaException e) {
            // Applied already: a re-read after a rebalance (CommitFailedException, RebalanceInProgressException) or a
            // restart only finds duplicates, which change nothing. Throwing would retry the whole batch without
            // polling, and a rebalance completes only in poll().
            LOG.warn("Offsets of an applied batch not committed ({}); its events may be read again",
                    e.getClass().getSimpleName());
        }
    }
}
