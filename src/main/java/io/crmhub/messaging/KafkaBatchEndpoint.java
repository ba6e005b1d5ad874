package io.crmhub.messaging;

import java.util.List;
import java.util.Objects;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** The consuming end of {@link KafkaBatchComponent}; it has no producer (publishing goes through {@code kafka:}). */
public class KafkaBatchEndpoint extends DefaultEndpoint {

    /**
     * @param topics          topics the consumers subscribe to
     * @param groupId         consumer group; instances sharing it share the partitions
     * @param consumersCount  poll threads (each its own Kafka consumer) in this instance
     * @param maxPollRecords  most records one poll, hence one exchange, carries
     * @param pollTimeoutMs   longest a poll waits for records
     * @param autoOffsetReset where a group without committed offsets starts (earliest, latest)
     */
    public record Options(List<String> topics, String groupId, int consumersCount, int maxPollRecords,
                          long pollTimeoutMs, String autoOffsetReset) {
        public Options {
            Objects.requireNonNull(groupId, "kafka-batch needs a groupId");
            if (consumersCount < 1 || maxPollRecords < 1 || pollTimeoutMs < 1) {
                throw new IllegalArgumentException("kafka-batch: consumersCount, maxPollRecords and pollTimeoutMs "
                        + "must be positive");
            }
        }
    }

    private final Options options;

    KafkaBatchEndpoint(String uri, KafkaBatchComponent component, Options options) {
        super(uri, component);
        this.options = options;
    }

    public Options options() {
        return options;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("kafka-batch only consumes; publish with the kafka component");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KafkaBatchConsumer consumer = new KafkaBatchConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
