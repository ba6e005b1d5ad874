package io.crmhub.store;

/** A message on a canonical topic that is not a valid canonical event: poison, goes to the dead letter. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
