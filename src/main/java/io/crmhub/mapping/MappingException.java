package io.crmhub.mapping;

/**
 * A source value that cannot become a valid canonical value. Checked, because a bad row is an expected
 * outcome the caller must route to the dead letter, not a bug.
 *
 * <p>The message ends up in logs and dead-letter records, so it never carries personal data in clear:
 * values of fields marked {@code pii} are masked by {@link FieldContext#reject} before they get here.
 */
public class MappingException extends Exception {

    private final String field;
    private final String reason;

    /**
     * @param field  {@code <source entity>.<canonical field>}, e.g. {@code payment_receipts.amount}
     * @param reason what is wrong, with the value shown only when it is not personal data
     */
    public MappingException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    private MappingException(String field, String reason, String message) {
        super(message);
        this.field = field;
        this.reason = reason;
    }

    /** No mapping file reads this source entity; field is {@code <system>/<entity>}. */
    public static MappingException noMapping(String system, String entity) {
        String source = system + "/" + entity;
        return new MappingException(source, "no mapping", "no mapping for " + source);
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
