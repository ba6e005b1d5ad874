package io.crmhub.identity.normalize;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Text clean-ups shared by the mapping transforms and identity normalisation, so that "half-width" and
 * "blank" mean the same thing when a record is mapped and when it is matched.
 */
public final class Texts {

    /** Any run of whitespace, including the ideographic space U+3000 and no-break space U+00A0. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000\\u00A0]+");

    private Texts() {}

    /**
     * One shared copy of a value that recurs across records (a province, a road, an e-mail domain, a word of a
     * name): {@link String#intern}, so records held by the million keep one string per distinct value.
     */
    public static String shared(String value) {
        return value == null ? null : value.intern();
    }

    /** NFKC folds full-width digits, letters, punctuation and the ideographic space to their ASCII forms. */
    public static String halfwidth(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /** Every run of whitespace → one space, then trimmed. */
    public static String collapseWhitespace(String text) {
        return text == null ? null : WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** All whitespace removed: Chinese text has no word spaces, so any space in it is noise. */
    public static String removeWhitespace(String text) {
        return text == null ? null : WHITESPACE.matcher(text).replaceAll("");
    }

    public static boolean isBlank(String text) {
        return text == null || WHITESPACE.matcher(text).replaceAll("").isEmpty();
    }

    /** Half-width, whitespace collapsed; null for blank input, so callers have one "no value". */
    public static String clean(String text) {
        if (isBlank(text)) {
            return null;
        }
        return collapseWhitespace(halfwidth(text));
    }
}
