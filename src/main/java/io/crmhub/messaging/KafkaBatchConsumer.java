package io.crmhub.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poll threads, each with its own Kafka consumer: every non-empty poll becomes one exchange (body: the records'
 * exchanges, in poll order, with camel-kafka's topic, partition, offset, key and timestamp headers), processed at
 * once on the poll thread. Offsets are committed after the exchange completed without an exception; a failed
 * exchange rewinds the consumer to the batch's first offsets, so the batch is read again, never skipped. A stop
 * takes effect between polls: the exchange in flight finishes or is failed by Camel's shutdown, and nothing of it
 * is committed. No exchange is in flight during a rebalance (its callbacks run inside {@code poll}).
 *
 * <p>A finished batch's offsets are committed without waiting for the broker ({@link Commits}): the next poll and
 * batch start at once instead of after a round trip to the group coordinator (and, with a replicated offsets topic,
 * its replicas) for every batch. They are committed with waiting where it decides what the next reader of a
 * partition starts from: when the partition is revoked, and before the client closes on a stop. A commit that fails
 * all the same only means its batch may be read again, which the store ignores (each change is applied once).
 *
 * <p>Its health check (read by Camel's {@code consumer:<route>} readiness check, as camel-kafka's consumers are) is
 * DOWN while a poll thread is waiting to reconnect after its Kafka client failed.
 */
public class KafkaBatchConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchConsumer.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_BACK_OFF_MS = 30_000;

    private final KafkaBatchEndpoint.Options options;
    private final Map<Thread, RuntimeException> failures = new ConcurrentHashMap<>();
    private ExecutorService executor;

    KafkaBatchConsumer(KafkaBatchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.options = endpoint.options();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        failures.clear();
        setHealthCheck(new PollHealth()); // Camel's consumers repository asks it (as camel-kafka's consumers)
        Properties props = clientProperties();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "KafkaBatch[" + options.groupId() + "]", options.consumersCount());
        for (int i = 0; i < options.consumersCount(); i++) {
            executor.submit(() -> pollUntilStopped(props));
        }
    }

    @Override
    protected void doStop() throws Exception {
        // the poll threads see the stop within one poll timeout; the exchange in flight is Camel's shutdown's to end
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    /** The kafka component's client settings (brokers, security, additional properties) plus this endpoint's. */
    private Properties clientProperties() {
        return clientProperties(getEndpoint().getCamelContext().getComponent("kafka", KafkaComponent.class)
                .getConfiguration(), options);
    }

    /**
     * The consumer settings for {@code options} on top of Camel's kafka component configuration {@code shared}
     * (left unchanged), where {@code hub.kafka.security.*} is applied ({@code KafkaSecurityConfiguration}).
     */
    public static Properties clientProperties(KafkaConfiguration shared, KafkaBatchEndpoint.Options options) {
        KafkaConfiguration own = shared.copy();
        own.setGroupId(options.groupId());
        own.setMaxPollRecords(options.maxPollRecords());
        own.setAutoOffsetReset(options.autoOffsetReset());
        own.setAutoCommitEnable(false);
        Properties props = own.createConsumerProperties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, own.getBrokers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private void pollUntilStopped(Properties props) {
        long backOffMs = 1_000;
        while (isRunAllowed()) {
            try (KafkaConsumer<String, String> client =
                         new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                Commits commits = new Commits(client);
                client.subscribe(options.topics(), commits);
                while (isRunAllowed()) {
                    ConsumerRecords<String, String> polled = client.poll(Duration.ofMillis(options.pollTimeoutMs()));
                    backOffMs = 1_000;
                    failures.remove(Thread.currentThread());
                    if (!polled.isEmpty()) {
                        handOver(client, polled, commits);
                    }
                }
                commits.awaitAll();
            } catch (RuntimeException e) {
                // broker unreachable for good, authorisation refused…: a new client after a back-off, never a dead
                // thread (the route would look started while nothing is consumed); readiness DOWN meanwhile
                failures.put(Thread.currentThread(), e);
                getExceptionHandler().handleException("Kafka consumer of group " + options.groupId()
                        + " failed; reconnecting in " + backOffMs + " ms", e);
                if (!backOff(backOffMs)) {
                    return;
                }
                backOffMs = Math.min(MAX_BACK_OFF_MS, backOffMs * 2);
            }
        }
    }

    private void handOver(KafkaConsumer<String, String> client, ConsumerRecords<String, String> polled,
                          Commits commits) {
        Exchange batch = createExchange(false);
        try {
            batch.getMessage().setBody(recordExchanges(polled));
            try {
                getProcessor().process(batch);
            } catch (Exception e) {
                batch.setException(e);
            }
            if (batch.getException() == null) {
                commits.finished(polled);
            } else {
                if (isRunAllowed()) {
                    // the type only: a store's message can quote the values of a row
                    LOG.warn("Batch of {} records not processed ({}); it is read again", polled.count(),
                            batch.getException().getClass().getSimpleName());
                }
                rewind(client, polled);
            }
        } finally {
            releaseExchange(batch, false);
        }
    }

    private List<Exchange> recordExchanges(ConsumerRecords<String, String> polled) {
        List<Exchange> records = new ArrayList<>(polled.count());
        for (ConsumerRecord<String, String> r : polled) {
            Exchange record = getEndpoint().createExchange();
            var m = record.getMessage();
            m.setHeader(KafkaConstants.TOPIC, r.topic());
            m.setHeader(KafkaConstants.PARTITION, r.partition());
            m.setHeader(KafkaConstants.OFFSET, r.offset());
            m.setHeader(KafkaConstants.TIMESTAMP, r.timestamp());
            if (r.key() != null) {
                m.setHeader(KafkaConstants.KEY, r.key());
            }
            m.setBody(r.value());
            records.add(record);
        }
        return records;
    }

    /**
     * The offsets of the batches one poll thread finished: committed without waiting as each batch finishes, and
     * with waiting for the partitions the group takes away (called inside {@code poll}, between two batches, so the
     * next owner starts right after the last batch finished here) and before the client closes on a stop.
     */
    private final class Commits implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> client;
        private final Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();

        Commits(KafkaConsumer<String, String> client) {
            this.client = client;
        }

        /** The next offset of every partition the batch read, after the batch's work is durable. */
        void finished(ConsumerRecords<String, String> polled) {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (TopicPartition tp : polled.partitions()) {
                List<ConsumerRecord<String, String>> records = polled.records(tp);
                next.put(tp, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
            }
            finished.putAll(next);
            client.commitAsync(next, (offsets, e) -> {
                if (e != null && isRunAllowed()) {
                    LOG.warn("Offsets of a finished batch not committed ({}); its records may be read again",
                            e.getClass().getSimpleName());
                }
            });
        }

        /** Commits the partitions' finished offsets and waits for the broker (after any commit still on its way). */
        void await(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata next = finished.remove(tp);
                if (next != null) {
                    offsets.put(tp, next);
                }
            }
            if (offsets.isEmpty()) {
                return;
            }
            try {
                client.commitSync(offsets, COMMIT_TIMEOUT);
            } catch (KafkaException e) {
                // done already: a re-read after a rebalance or a restart only finds duplicates, which the route ignores
                LOG.warn("Offsets of finished batches not committed ({}); their records may be read again",
                        e.getClass().getSimpleName());
            }
        }

        void awaitAll() {
            await(List.copyOf(finished.keySet()));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            await(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // nothing finished here yet
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(finished::remove); // another member may own them already: nothing to commit
        }
    }

    /** Back to the batch's first offsets, so the next poll returns the batch again. */
    private static void rewind(KafkaConsumer<String, String> client, ConsumerRecords<String, String> polled) {
        for (TopicPartition tp : polled.partitions()) {
            if (client.assignment().contains(tp)) {
                client.seek(tp, polled.records(tp).get(0).offset());
            }
        }
    }

    /** DOWN with the client's failure while a poll thread waits to reconnect. */
    private final class PollHealth extends AbstractHealthCheck {

        PollHealth() {
            super("camel", "consumer:kafka-batch-" + getRouteId());
        }

        @Override
        public boolean isLiveness() {
            return false; // a broker away is not cured by restarting the pod
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            builder.detail("group.id", KafkaBatchConsumer.this.options.groupId())
                    .detail("topics", String.join(",", KafkaBatchConsumer.this.options.topics()));
            failures.values().stream().findFirst().ifPresentOrElse(e -> builder.down()
                    .message("Kafka consumer failed (" + rootCause(e) + "); reconnecting").error(e), builder::up);
        }
    }

    /** The innermost cause, as "Type: message" (Kafka's client messages name settings and hosts, no records). */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private boolean backOff(long ms) {
        long until = System.currentTimeMillis() + ms;
        try {
            while (isRunAllowed() && System.currentTimeMillis() < until) {
                Thread.sleep(Math.min(100, ms));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return isRunAllowed();
    }
}
