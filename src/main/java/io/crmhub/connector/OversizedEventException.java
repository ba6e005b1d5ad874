package io.crmhub.connector;

/**
 * A canonical event larger than Kafka would take ({@code hub.publish.max-event-bytes}): it can never be published, so
 * it goes to the dead letter alone, with this reason, and the rest of its batch is published (a broker refusing it
 * would fail the whole batch, again at every re-read, and hold up its source for good). The message names sizes
 * only, never the content.
 */
public class OversizedEventException extends RuntimeException {

    public OversizedEventException(String entity, long bytes, int limit) {
        super(String.format(java.util.Locale.ROOT,
                "canonical %s event of %,d bytes is larger than hub.publish.max-event-bytes (%,d): Kafka would refuse it",
                entity, bytes, limit));
    }
}
