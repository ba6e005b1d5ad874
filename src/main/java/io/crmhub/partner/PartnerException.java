package io.crmhub.partner;

/**
 * A partner request the hub refuses, with a reason the REST and SOAP layers turn into a status / fault code,
 * and the request field at fault when there is one. The message is safe to log and to return: personal data in
 * it is masked (mapping errors mask values of {@code pii} fields).
 */
public class PartnerException extends RuntimeException {

    public enum Reason { INVALID, NOT_FOUND, VERSION_REQUIRED, VERSION_MISMATCH, ALREADY_EXISTS, FORBIDDEN, UNAVAILABLE }

    private final Reason reason;
    private final String field;

    public PartnerException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public PartnerException(Reason reason, String field, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.field = field;
    }

    public static PartnerException invalid(String field, String message) {
        return new PartnerException(Reason.INVALID, field, field + ": " + message);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
