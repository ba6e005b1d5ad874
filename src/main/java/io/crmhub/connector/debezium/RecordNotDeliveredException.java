package io.crmhub.connector.debezium;

/**
 * Thrown back into the Debezium engine for a change the route did not deliver because the consumer is stopping:
 * the engine then neither marks it processed nor commits its offset, and reads it again after the restart.
 */
public class RecordNotDeliveredException extends RuntimeException {

    RecordNotDeliveredException(String message, Throwable cause) {
        super(message, cause);
    }
}
