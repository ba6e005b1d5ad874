package io.crmhub.connector.scm;

import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.MalformedSourceRecordException;
import io.crmhub.messaging.KafkaBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The SCM consumer's step: a poll's worth of shipment messages ({@code kafka-batch}) converted, the unreadable
 * ones dead-lettered with their reason and position, the rest published to Kafka together through
 * {@code direct:canonical-publish}; the consumer commits the SCM offsets once this step returned, so only when every
 * canonical event is acknowledged.
 * A failure before that (broker away) fails the batch, which the route retries; a stop or a rebalance meanwhile
 * re-reads it. Re-reads are harmless: the store keeps SCM's own version per shipment.
 */
@Component("scmShipmentBatch")
public class ScmShipmentBatch {

    static final String ROUTE_ID = "scm-shipments-ingest";

    private final ScmShipmentConverter converter;
    private final ProducerTemplate producer;

    public ScmShipmentBatch(ScmShipmentConverter converter, ProducerTemplate producer) {
        this.converter = converter;
        this.producer = producer;
    }

    public void ingest(Exchange batch) throws Exception {
        List<Exchange> records = KafkaBatch.records(batch);
        List<SourceChange> changes = new ArrayList<>(records.size());
        for (Exchange record : records) {
            try {
                changes.add(converter.convert(record));
            } catch (MalformedSourceRecordException e) {
                KafkaBatch.deadLetter(producer, record, e, ROUTE_ID);
            }
        }
        if (!changes.isEmpty()) {
            Exchange published = producer.send("direct:canonical-publish", e -> e.getMessage().setBody(changes));
            if (published.getException() != null) {
                throw published.getException(); // offsets stay where they were; the route retries the batch
            }
        }
    }
}
