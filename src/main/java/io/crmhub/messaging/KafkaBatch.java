package io.crmhub.messaging;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * What the hub's batch steps do the same way with a {@code kafka-batch:} exchange: take the poll's records out of it,
 * and hand a record the batch cannot take to the dead letter with its reason. The consumer commits the offsets
 * itself once the step returned ({@link KafkaBatchConsumer}).
 */
public final class KafkaBatch {

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
}
