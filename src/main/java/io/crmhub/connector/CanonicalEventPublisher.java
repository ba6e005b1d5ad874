package io.crmhub.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceChange;
import io.crmhub.config.HubKafkaProperties;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.mapping.MappingException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The hand-off every source shares ({@code routes/canonical-publish.camel.yaml}): each {@link SourceChange} of a
 * batch is mapped to a canonical event, which is serialised and addressed to its entity's topic, keyed by the source
 * record so that all changes of one record stay in order on one partition; the batch then goes to Kafka as one
 * {@link PublishBatch}.
 */
@Component("canonicalPublisher")
public class CanonicalEventPublisher {

    /** Kafka record header: the canonical event id. */
    public static final String EVENT_ID = "hubEventId";

    private final MappingEngine mappingEngine;
    private final MeterRegistry registry;
    private final Map<EntityType, String> topics;
    private final int chunkSize;
    private final int maxEventBytes;

    public CanonicalEventPublisher(MappingEngine mappingEngine, HubKafkaProperties kafka, PublishProperties publish,
            MeterRegistry registry) {
        this.mappingEngine = mappingEngine;
        this.chunkSize = publish.chunkSize();
        this.maxEventBytes = publish.maxEventBytes();
        this.registry = registry;
        HubKafkaProperties.Topics t = kafka.topics();
        this.topics = Map.of(EntityType.CUSTOMER, t.customer(), EntityType.ORDER, t.order(),
                EntityType.ORDER_LINE, t.orderLine(), EntityType.PAYMENT, t.payment(),
                EntityType.INTERACTION, t.interaction(), EntityType.SHIPMENT, t.shipment());
    }

    public CanonicalEvent map(SourceChange change) throws MappingException {
        return counted(mappingEngine.map(change, Instant.now()));
    }

    /**
     * Route step for one change of a batch: names its source for a dead letter, then maps it. A change its connector
     * already mapped (a shop row, mapped to validate it) is passed on as it is.
     */
    public CanonicalEvent toEvent(Object change, Exchange exchange) throws MappingException {
        exchange.getMessage().setHeader(SourceHeaders.SOURCE_REF,
                change instanceof CanonicalEvent event ? event.source() : ((SourceChange) change).sourceRef());
        return counted(event(change));
    }

    /** A change of a batch as its event, not yet counted: mapped, unless its connector mapped it already. */
    private CanonicalEvent event(Object change) throws MappingException {
        return change instanceof CanonicalEvent event ? event : mappingEngine.map((SourceChange) change, Instant.now());
    }

    private CanonicalEvent counted(CanonicalEvent event) {
        if (event.issues() != null) {
            // counted by field only: the reason may carry a (masked) value and would explode label cardinality
            event.issues().forEach(issue -> registry.counter("hub.mapping.dropped.values",
                    "source", event.source().system(), "field", issue.field()).increment());
        }
        return event;
    }

    /**
     * Serialises the event and addresses it: its entity's topic, keyed by the source record.
     *
     * @throws OversizedEventException when the event is larger than Kafka would take: it is dead-lettered alone
     */
    public PublishBatch.Prepared prepare(CanonicalEvent event) throws JsonProcessingException {
        String json = CanonicalJson.mapper().writeValueAsString(event);
        if (PublishProperties.longerThan(json, maxEventBytes)) {
            throw new OversizedEventException(event.entity().id(), PublishProperties.utf8Bytes(json), maxEventBytes);
        }
        return new PublishBatch.Prepared(topics.get(event.entity()), event.source().qualifiedKey(), event.eventId(),
                json);
    }

    /**
     * A batch mapped and serialised in one call ({@link WholeBatch}): the body becomes the {@link PublishBatch} of all
     * its changes, in order; when a change cannot be mapped or serialised the body stays the changes and the route
     * goes through them one by one ({@link #toEvent}, {@link #prepare}, {@link #batch}).
     */
    public void batchAll(Exchange exchange) {
        List<CanonicalEvent> events = new ArrayList<>();
        List<PublishBatch.Prepared> prepared = WholeBatch.apply(exchange, change -> {
            CanonicalEvent event = event(change);
            events.add(event);
            return prepare(event);
        });
        if (prepared != null) {
            // counted once the batch is through, so that a batch that goes change by change is not counted twice
            events.forEach(this::counted);
            exchange.getMessage().setBody(new PublishBatch(exchange.getContext(), prepared));
        }
    }

    /** The prepared events of a batch (or a single one) as the body the Kafka producer sends as one batch. */
    public PublishBatch batch(Object prepared, Exchange exchange) {
        List<PublishBatch.Prepared> events = new ArrayList<>();
        if (prepared instanceof Collection<?> many) {
            many.forEach(p -> events.add((PublishBatch.Prepared) p));
        } else {
            events.add((PublishBatch.Prepared) prepared);
        }
        return new PublishBatch(exchange.getContext(), events);
    }

    /** A lazy stream of changes (a shop file) cut into lists of {@code hub.publish.chunk-size}, for a streaming split. */
    public <T> Iterator<List<T>> chunks(Iterator<T> changes) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return changes.hasNext();
            }

            @Override
            public List<T> next() {
                List<T> chunk = new ArrayList<>(chunkSize);
                while (chunk.size() < chunkSize && changes.hasNext()) {
                    chunk.add(changes.next());
                }
                return chunk;
            }
        };
    }
}
