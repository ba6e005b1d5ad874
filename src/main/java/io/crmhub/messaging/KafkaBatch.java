package io.crmhub.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub's batch consumers do the same way: take the poll's records out of the batch exchange (the store's
 * {@code kafka-batch:} consumer and camel-kafka's {@code batching=true} alike), hand a record the batch cannot take
 * to the dead letter with its reason, and, for camel-kafka's batching consumers ({@code autoCommitEnable=false},
 * {@code allowManualCommit=true}: SCM ingest), commit the batch's offsets once its work is durable, so a failure,
 * stop or rebalance before that re-reads the batch instead of skipping it ({@code kafka-batch} commits itself).
 */
public final class KafkaBatch {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatch.class);

    private KafkaBatch() {}

    /** The records of a batch exchange (its body is the list of the poll's record exchanges). */
    public static List<Exchange> records(Exchange batch) {
        List<?> body = batch.getMessage().getBody(List.class);
        return body == null ? List.of() : body.stream().map(Exchange.class::cast).toList();
    }

    /**
     * Hands one record to the dead-letter route, as the route's error handler would for a single exchange; throws
     * when the dead letter could not be recorded, so the caller's batch is retried rather than losing the record.
     */
    public static void deadLetter(ProducerTemplate producer, Exchange record, Exception reason, String routeId) {
        Exchange letter = record.copy();
        letter.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
        letter.setProperty(Exchange.FAILURE_ROUTE_ID, routeId);
        Exchange done = producer.send("direct:dead-letter", letter);
        if (done.getException() != null) {
            throw new IllegalStateException("dead letter not recorded; the batch is retried", done.getException());
        }
    }

    /** One synchronous commit of the next offset of every partition the batch read, on the consumer's thread. */
    public static void commitOffsets(List<Exchange> records) {
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
            // Done already: a re-read after a rebalance (CommitFailedException, RebalanceInProgressException) or a
            // restart only finds duplicates, which the store ignores. Throwing would retry the whole batch without
            // polling, and a rebalance completes only in poll().
            LOG.warn("Offsets of a finished batch not committed ({}); its records may be read again",
                    e.getClass().getSimpleName());
        }
    }
}
