package io.crmhub.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes canonical events straight onto the topics, the way a source stage (or a re-delivery) would. */
public final class CanonicalEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public CanonicalEvents(String brokers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public static CanonicalEvent customer(String key, long sequence, String name) {
        SourceRef src = new SourceRef("it", "customers", key, "pos-" + sequence, sequence);
        ObjectNode payload = CanonicalJson.mapper().createObjectNode()
                .put("number", "IT-" + key).put("kind", "PERSON").put("name", name)
                .put("lifecycleStatus", "LEAD");
        return new CanonicalEvent(CanonicalEvent.eventIdFor(src, ChangeOp.UPDATE),
                CanonicalEvent.typeFor(EntityType.CUSTOMER, ChangeOp.UPDATE), CanonicalEvent.SCHEMA_VERSION,
                EntityType.CUSTOMER, ChangeOp.UPDATE, src, "it@1", Instant.parse("2024-06-04T05:00:00Z")
                .plusSeconds(sequence), Instant.now(), payload, null);
    }

    public void send(String topic, CanonicalEvent event) throws Exception {
        send(topic, event.source().qualifiedKey(), CanonicalJson.mapper().writeValueAsString(event));
    }

    public void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
