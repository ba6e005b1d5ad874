package io.crmhub.mapping;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code email}: trimmed and lower-cased so the same mailbox compares equal across systems. Validation is
 * deliberately basic (one @, a dotted domain, no spaces): full RFC 5322 accepts things no CRM wants.
 */
final class EmailTransform implements Transform {

    private static final Pattern SYNTAX = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        String email = TextTransforms.text(value).strip().toLowerCase(Locale.ROOT);
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : "";
        if (!SYNTAX.matcher(email).matches() || local.startsWith(".") || local.endsWith(".")
                || email.contains("..")) {
            throw context.reject(value, "is not a valid email address");
        }
        return email;
    }
}
