package io.crmhub.mapping;

/**
 * C0 control characters (U+0000 to U+001F) at the hub's edges. PostgreSQL cannot store U+0000 in text at all, and
 * no customer field means anything with a bell or an escape in it, so every edge (REST, SOAP, shop files, the
 * mappings every source goes through) refuses them with a reason naming the code point and position, never the
 * value. Tab, line feed and carriage return are allowed where the format carries free text (JSON strings, mapped
 * values); identifiers and query parameters allow none.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** Index of the first C0 control character, or -1; {@code allowWhitespace} lets tab, LF and CR through. */
    public static int find(CharSequence text, boolean allowWhitespace) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && !(allowWhitespace && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /** The reason for a refusal: {@code contains the control character U+0000 at position 5} (1-based). */
    public static String describe(CharSequence text, int index) {
        return "contains the control character U+%04X at position %d".formatted((int) text.charAt(index), index + 1);
    }

    /**
     * The text with every C0 control character other than tab, LF and CR written as {@code \\uXXXX}: for the few
     * places that keep text as received (the dead letter's raw record, reasons quoting a non-personal value), so a
     * refused record can still be stored and read.
     */
    public static String escaped(String text) {
        if (find(text, true) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                out.append("\\u%04X".formatted((int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
