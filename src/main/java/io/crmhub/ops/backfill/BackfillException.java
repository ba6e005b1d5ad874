package io.crmhub.ops.backfill;

/** A backfill that cannot start or go on, with a reason an operator can act on (no personal data). */
public class BackfillException extends RuntimeException {

    public BackfillException(String message) {
        super(message);
    }

    public BackfillException(String message, Throwable cause) {
        super(message, cause);
    }
}
