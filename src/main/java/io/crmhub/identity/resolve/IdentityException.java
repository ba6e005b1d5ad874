package io.crmhub.identity.resolve;

/** A request about identities that cannot be carried out as asked; the message says why, without personal data. */
public class IdentityException extends RuntimeException {

    /** What kind of refusal: the API turns it into a status code. */
    public enum Reason { NOT_FOUND, CONFLICT, INVALID }

    private final Reason reason;

    public IdentityException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
