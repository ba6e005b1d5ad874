package io.crmhub.identity.normalize;

/**
 * The one rule for "looks like an e-mail address", shared by the mapping's {@code email} transform and
 * identity normalisation. Deliberately basic (one @, a dotted domain, no spaces): full RFC 5322 accepts
 * things no CRM wants. As a regular expression the rule reads
 * {@code [a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+};
 * it is checked by hand, as it runs for every address of every record.
 */
public final class EmailSyntax {

    private static final String LOCAL_SYMBOLS = "!#$%&'*+/=?^_`{|}~.-";

    private EmailSyntax() {}

    /** @param email already trimmed and lower-cased */
    public static boolean isValid(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || email.charAt(0) == '.' || email.charAt(at - 1) == '.' || email.contains("..")) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = email.charAt(i);
            if (!isAlphanumeric(c) && LOCAL_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        int labels = 0;
        int start = at + 1;
        while (true) {
            int dot = email.indexOf('.', start);
            int end = dot < 0 ? email.length() : dot;
            if (!isLabel(email, start, end)) {
                return false;
            }
            labels++;
            if (dot < 0) {
                return labels >= 2;
            }
            start = dot + 1;
        }
    }

    /** A domain label: letters, digits and hyphens, not starting or ending with a hyphen. */
    private static boolean isLabel(String email, int start, int end) {
        if (end <= start || !isAlphanumeric(email.charAt(start)) || !isAlphanumeric(email.charAt(end - 1))) {
            return false;
        }
        for (int i = start + 1; i < end - 1; i++) {
            char c = email.charAt(i);
            if (!isAlphanumeric(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
