package io.crmhub.mapping;

import io.crmhub.identity.normalize.Texts;
import java.util.Locale;

/** The string clean-ups that every source needs; all pass null through. The rules live in {@link Texts}. */
final class TextTransforms {

    private TextTransforms() {}

    /** Non-string values (Long ids, numbers) are treated as their text so transforms chain uniformly. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static Object trim(Object value, FieldContext context) {
        return value == null ? null : text(value).strip();
    }

    static Object lower(Object value, FieldContext context) {
        return value == null ? null : text(value).toLowerCase(Locale.ROOT);
    }

    static Object upper(Object value, FieldContext context) {
        return value == null ? null : text(value).toUpperCase(Locale.ROOT);
    }

    /** NFKC folds full-width digits, letters, punctuation and the ideographic space to their ASCII forms. */
    static Object halfwidth(Object value, FieldContext context) {
        return value == null ? null : halfwidth(text(value));
    }

    static String halfwidth(String text) {
        return Texts.halfwidth(text);
    }

    static Object collapseWhitespace(Object value, FieldContext context) {
        return value == null ? null : Texts.collapseWhitespace(text(value));
    }

    static Object blankToNull(Object value, FieldContext context) {
        return isBlank(value) ? null : value;
    }

    static boolean isBlank(Object value) {
        return value == null || (value instanceof String s && Texts.isBlank(s));
    }

    /** {@code default}: the one transform that acts on a missing value. */
    static Transform defaultValue(TransformArgs args) {
        String fallback = args.allow("value").requiredString("value");
        return (value, context) -> isBlank(value) ? fallback : value;
    }
}
