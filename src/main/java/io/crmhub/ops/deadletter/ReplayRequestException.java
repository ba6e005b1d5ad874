package io.crmhub.ops.deadletter;

/** A list or replay request that cannot be served as asked; the message says why (400, or 404 when not found). */
public class ReplayRequestException extends RuntimeException {

    private final boolean notFound;

    public ReplayRequestException(String message) {
        this(message, false);
    }

    public ReplayRequestException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
