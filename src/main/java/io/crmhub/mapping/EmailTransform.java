package io.crmhub.mapping;

import io.crmhub.identity.normalize.EmailSyntax;
import java.util.Locale;

/**
 * {@code email}: trimmed and lower-cased so the same mailbox compares equal across systems; the syntax
 * rule is {@link EmailSyntax}'s, shared with identity resolution.
 */
final class EmailTransform implements Transform {

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        String email = TextTransforms.text(value).strip().toLowerCase(Locale.ROOT);
        if (!EmailSyntax.isValid(email)) {
            throw context.reject(value, "is not a valid email address");
        }
        return email;
    }
}
