package io.crmhub.identity.eval;

import java.util.List;

/** Hand-written JSON for the store benchmark's hot loop: a million rows do not need an object mapper each. */
final class JsonText {

    private JsonText() {}

    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    static void strings(StringBuilder b, List<String> values) {
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            string(b, values.get(i));
        }
        b.append(']');
    }

    /** {@code "name":value,} for a string field, left out when null (canonical JSON has no nulls). */
    static void field(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append('"').append(name).append("\":");
            string(b, value);
            b.append(',');
        }
    }

    /** Closes an object whose last field left a trailing comma. */
    static String close(StringBuilder b) {
        if (b.charAt(b.length() - 1) == ',') {
            b.setLength(b.length() - 1);
        }
        return b.append('}').toString();
    }
}
