package io.crmhub.connector.scm;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.SourceHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The boundary between the SCM topic and the hub: one Kafka record (JSON text) becomes a
 * {@link SourceChange} of {@code scm/shipments}, keyed by shipment number.
 *
 * <p>The sequence is SCM's own per-shipment {@code version}, not the Kafka offset: an old event the SCM
 * re-publishes later gets a higher offset but keeps its version, so the store sees it as stale. Event time
 * was the other candidate; two changes of one shipment within the same millisecond, or from SCM nodes with
 * skewed clocks, would make it ambiguous, a counter cannot be.
 */
@Component("scmShipmentConverter")
public class ScmShipmentConverter {

    static final String SYSTEM = "scm";
    static final String ENTITY = "shipments";

    public SourceChange convert(Exchange exchange) {
        Message in = exchange.getMessage();
        String position = position(in);
        // set before parsing, so a message that cannot be read is still dead-lettered as scm/shipments at
        // its position, under the Kafka key SCM gave it
        in.setHeader(SourceHeaders.SOURCE_REF,
                new SourceRef(SYSTEM, ENTITY, in.getHeader(KafkaConstants.KEY, String.class), position, 0));
        ScmShipmentMessage message = ScmShipmentMessage.parse(in.getBody(String.class));
        SourceChange change = new SourceChange(SYSTEM, ENTITY,
                message.version() == 1 ? ChangeOp.CREATE : ChangeOp.UPDATE,
                message.shipmentNumber(), position, message.version(), message.eventTime(), message.row());
        in.setHeader(SourceHeaders.SOURCE_REF, change.sourceRef());
        return change;
    }

    /** {@code topic/partition@offset}: where to find the record again, for humans and replay. */
    static String position(Message in) {
        return in.getHeader(KafkaConstants.TOPIC) + "/" + in.getHeader(KafkaConstants.PARTITION)
                + "@" + in.getHeader(KafkaConstants.OFFSET);
    }
}
