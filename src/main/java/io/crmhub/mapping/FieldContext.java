package io.crmhub.mapping;

/**
 * What a transform knows about the value it is working on: enough to name the field in an error, to
 * hide personal data, and to build references within the change's own source system.
 *
 * @param field  {@code <source entity>.<canonical field>}, used in error messages
 * @param pii    whether the value is personal data and must be masked in messages
 * @param system source system of the change, for {@code ref}
 */
public record FieldContext(String field, boolean pii, String system) {

    /** An error for this field whose message shows the value, masked when it is personal data. */
    public MappingException reject(Object value, String reason) {
        return new MappingException(field, show(value) + " " + reason);
    }

    /** An error for this field that does not involve a value (e.g. a missing required field). */
    public MappingException fail(String reason) {
        return new MappingException(field, reason);
    }

    /** The value as it may appear in a log line. */
    public String show(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        return pii ? mask(text) : "'" + text + "'";
    }

    /**
     * Keeps first and last character and the length: enough for an operator to find the row, too little
     * to learn the value. Short values (e.g. a two-character Chinese name) are masked completely.
     */
    static String mask(String text) {
        int length = text.codePointCount(0, text.length());
        String shown = length <= 4 ? "***"
                : new String(Character.toChars(text.codePointAt(0))) + "***"
                        + new String(Character.toChars(text.codePointBefore(text.length())));
        return "'" + shown + "' (" + length + " chars)";
    }
}
