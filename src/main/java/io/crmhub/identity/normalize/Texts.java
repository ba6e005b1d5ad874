package io.crmhub.identity.normalize;

import java.text.Normalizer;

/**
 * Text clean-ups shared by the mapping transforms and identity normalisation, so that "half-width" and
 * "blank" mean the same thing when a record is mapped and when it is matched.
 * They run on every field of every record, so they are character loops rather than regular expressions.
 */
public final class Texts {

    private Texts() {}

    /** Slots of the cache in front of {@link String#intern}: a power of two. */
    private static final int SHARED_SLOTS = 1 << 12;
    /**
     * Recently interned strings by hash, so a value that recurs record after record (a city, a legal form) is found
     * without a call into the JVM's string table, which costs as much as the rest of a short field's normalisation.
     * Racy on purpose: a slot holds a whole interned string or another one, and a miss only means interning again.
     */
    private static final String[] RECENTLY_SHARED = new String[SHARED_SLOTS];

    /**
     * One shared copy of a value that recurs across records (a province, a road, an e-mail domain, a word of a
     * name): {@link String#intern}, so records held by the million keep one string per distinct value. The very
     * instance {@code intern} returns: a cached string is referenced, so it stays the string table's copy.
     */
    public static String shared(String value) {
        if (value == null) {
            return null;
        }
        int hash = value.hashCode();
        int slot = (hash ^ hash >>> 16) & SHARED_SLOTS - 1;
        String known = RECENTLY_SHARED[slot];
        if (known != null && known.equals(value)) {
            return known;
        }
        String interned = value.intern();
        RECENTLY_SHARED[slot] = interned;
        return interned;
    }

    /**
     * Whitespace as these clean-ups mean it: the regular expression class {@code [\s\u3000\u00A0]}, that is
     * space, tab, line feed, vertical tab, form feed, carriage return, the ideographic space U+3000 and the
     * no-break space U+00A0. Not {@link Character#isWhitespace}, which differs (U+2003 yes, U+00A0 no).
     */
    static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '\u3000' || c == '\u00A0';
    }

    /** NFKC folds full-width digits, letters, punctuation and the ideographic space to their ASCII forms. */
    public static String halfwidth(String text) {
        return text == null || isNfkcStable(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /**
     * Only ASCII and Han characters of the basic block (U+4E00–U+9FA5): text NFKC leaves as it is, as none of them
     * has a decomposition or composes with a neighbour. Cheaper to test than to normalise.
     */
    static boolean isNfkcStable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && !(c >= '\u4E00' && c <= '\u9FA5')) {
                return false;
            }
        }
        return true;
    }

    /** Every run of whitespace → one space, then trimmed. */
    public static String collapseWhitespace(String text) {
        if (text == null) {
            return null;
        }
        return hasRunToCollapse(text) ? replaceRuns(text, true).strip() : text.strip();
    }

    /** All whitespace removed: Chinese text has no word spaces, so any space in it is noise. */
    public static String removeWhitespace(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isSpace(text.charAt(i))) {
                return replaceRuns(text, false);
            }
        }
        return text;
    }

    public static boolean isBlank(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Half-width, whitespace collapsed; null for blank input, so callers have one "no value". */
    public static String clean(String text) {
        if (isBlank(text)) {
            return null;
        }
        return collapseWhitespace(halfwidth(text));
    }

    /** Whether collapsing would change anything: a whitespace character other than a lone space. */
    private static boolean hasRunToCollapse(String text) {
        boolean previousSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (c != ' ' || previousSpace) {
                    return true;
                }
                previousSpace = true;
            } else {
                previousSpace = false;
            }
        }
        return false;
    }

    /** Each run of whitespace replaced by one space ({@code collapse}) or removed. */
    private static String replaceRuns(String text, boolean collapse) {
        StringBuilder b = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                b.append(c);
                inRun = false;
            } else if (!inRun) {
                if (collapse) {
                    b.append(' ');
                }
                inRun = true;
            }
        }
        return b.toString();
    }
}
