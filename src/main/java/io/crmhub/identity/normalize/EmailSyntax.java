package io.crmhub.identity.normalize;

import java.util.regex.Pattern;

/**
 * The one rule for "looks like an e-mail address", shared by the mapping's {@code email} transform and
 * identity normalisation. Deliberately basic (one @, a dotted domain, no spaces): full RFC 5322 accepts
 * things no CRM wants.
 */
public final class EmailSyntax {

    private static final Pattern SYNTAX = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

    private EmailSyntax() {}

    /** @param email already trimmed and lower-cased */
    public static boolean isValid(String email) {
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : "";
        return SYNTAX.matcher(email).matches() && !local.startsWith(".") && !local.endsWith(".")
                && !email.contains("..");
    }
}
