package io.crmhub.messaging;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code kafka-batch:topicA,topicB?groupId=…&consumersCount=…&maxPollRecords=…&pollTimeoutMs=…&autoOffsetReset=…}:
 * one exchange per Kafka poll, handed to the route as soon as the poll returns, its offsets committed only after the
 * route finished it without an exception ({@link KafkaBatchConsumer}).
 *
 * <p>Why not camel-kafka's {@code batching=true}: in Camel 4.17 its batching processor decides whether to dispatch
 * the batch it holds <em>before</em> adding the records a poll just returned, so in a steady stream every poll's
 * records wait for the next poll and for the whole previous batch before theirs begins (measured: the newest event
 * of a store batch had waited two batches, ~170–260 ms, when its batch started). Connection and security settings
 * are those of Camel's {@code kafka} component ({@code camel.component.kafka.*}, {@code hub.kafka.security.*}).
 */
public class KafkaBatchComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        List<String> topics = Arrays.stream(remaining.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("kafka-batch needs at least one topic: " + uri);
        }
        KafkaBatchEndpoint.Options options = new KafkaBatchEndpoint.Options(topics,
                getAndRemoveParameter(parameters, "groupId", String.class),
                getAndRemoveParameter(parameters, "consumersCount", Integer.class, 1),
                getAndRemoveParameter(parameters, "maxPollRecords", Integer.class, 500),
                getAndRemoveParameter(parameters, "pollTimeoutMs", Long.class, 50L),
                getAndRemoveParameter(parameters, "autoOffsetReset", String.class, "earliest"));
        return new KafkaBatchEndpoint(uri, this, options);
    }
}
