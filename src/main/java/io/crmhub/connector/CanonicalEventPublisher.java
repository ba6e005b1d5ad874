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
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The hand-off every source shares: a {@link SourceChange} is mapped to a canonical event, which is
 * serialised and addressed to its entity's topic, keyed by the source record so that all changes of
 * one record stay in order on one partition.
 */
@Component("canonicalPublisher")
public class CanonicalEventPublisher {

    private final MappingEngine mappingEngine;
    private final MeterRegistry registry;
    private final Map<EntityType, String> topics;

    public CanonicalEventPublisher(MappingEngine mappingEngine, HubKafkaProperties kafka, MeterRegistry registry) {
        this.mappingEngine = mappingEngine;
        this.registry = registry;
        HubKafkaProperties.Topics t = kafka.topics();
        this.topics = Map.of(EntityType.CUSTOMER, t.customer(), EntityType.ORDER, t.order(),
                EntityType.ORDER_LINE, t.orderLine(), EntityType.PAYMENT, t.payment(),
                EntityType.INTERACTION, t.interaction(), EntityType.SHIPMENT, t.shipment());
    }

    public CanonicalEvent map(SourceChange change) throws MappingException {
        CanonicalEvent event = mappingEngine.map(change, Instant.now());
        if (event.issues() != null) {
            // counted by field only: the reason may carry a (masked) value and would explode label cardinality
            event.issues().forEach(issue -> registry.counter("hub.mapping.dropped.values",
                    "source", change.system(), "field", issue.field()).increment());
        }
        return event;
    }

    public void prepare(Exchange exchange) throws JsonProcessingException, org.apache.camel.InvalidPayloadException {
        CanonicalEvent event = exchange.getMessage().getMandatoryBody(CanonicalEvent.class);
        exchange.getMessage().setHeader(KafkaConstants.KEY, event.source().qualifiedKey());
        exchange.getMessage().setHeader("hubEventId", event.eventId());
        exchange.getMessage().setHeader("hubTopic", topics.get(event.entity()));
        exchange.getMessage().setBody(CanonicalJson.mapper().writeValueAsString(event));
    }
}
