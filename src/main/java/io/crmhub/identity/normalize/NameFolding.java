package io.crmhub.identity.normalize;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The folding behind every name key: what two spellings of one name have in common. Legal-form and
 * branch lists are folded the same way, so the data files can be written the way people write names.
 */
final class NameFolding {

    /** Accents on Latin letters only: on kana the same marks change the sound (か/が). */
    private static final Pattern LATIN_ACCENTS = Pattern.compile("(?<=\\p{IsLatin})\\p{M}+");
    /** O'Brien and O’Brien are OBrien, not "o brien": an apostrophe joins, it does not separate. */
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`]");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
    /** Where Han meets another script a word ends, so "IBM中国" and "IBM 中国" fold alike. */
    private static final Pattern SCRIPT_BOUNDARY =
            Pattern.compile("(?<=\\p{IsHan})(?=[^\\p{IsHan}\\s])|(?<=[^\\p{IsHan}\\s])(?=\\p{IsHan})");

    private NameFolding() {}

    /**
     * Half-width, lower case, Latin accents and punctuation removed, words separated by one space.
     * Han text is not segmented into words: a run of Han characters is one word, and whitespace typed between
     * two Han characters is dropped (林 丽 晨 is 林丽晨: Chinese has no word spaces, and forms and input methods
     * often add them). Punctuation still separates (约翰·史密斯, 阿里巴巴（中国）).
     */
    static String fold(String text) {
        return isPlain(text) ? foldPlain(text) : foldAny(text);
    }

    /** {@link #fold} step by step, for any text. */
    static String foldAny(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
        s = LATIN_ACCENTS.matcher(s).replaceAll("");
        s = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = joinHan(s);
        s = APOSTROPHES.matcher(s).replaceAll("");
        s = PUNCTUATION.matcher(s).replaceAll(" ");
        s = SCRIPT_BOUNDARY.matcher(s).replaceAll(" ");
        return Texts.collapseWhitespace(s);
    }

    /**
     * Only ASCII letters, digits, spaces and Han characters of the basic block: text that Unicode normalisation
     * leaves as it is and that has no accent, apostrophe or punctuation — most names. {@link #foldPlain} folds it
     * in one pass, with the same result as {@link #foldAny}.
     */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || isBasicHan(c))) {
                return false;
            }
        }
        return true;
    }

    /** Han characters assigned since Unicode 1.1, so of script Han in every Java version. */
    private static boolean isBasicHan(char c) {
        return c >= '\u4E00' && c <= '\u9FA5';
    }

    /** Lower case, one space between words and where Han meets Latin or digits, none between Han characters. */
    private static String foldPlain(String text) {
        StringBuilder b = new StringBuilder(text.length() + 4);
        int previous = -1; // last character kept: -1 none yet, 0 other, 1 Han
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                space = true;
                continue;
            }
            int kind = isBasicHan(c) ? 1 : 0;
            if (previous >= 0 && (space && !(previous == 1 && kind == 1) || previous != kind)) {
                b.append(' ');
            }
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            previous = kind;
            space = false;
        }
        return b.toString();
    }

    /** Drops every whitespace run that has a Han character on both sides. */
    static String joinHan(String s) {
        StringBuilder b = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) || i == 0 || b == null && !isHan(s.codePointBefore(i))) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            int end = i;
            while (end < n && Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            boolean join = end < n && isHan(s.codePointBefore(i)) && isHan(s.codePointAt(end));
            if (join && b == null) {
                b = new StringBuilder(n).append(s, 0, i);
            }
            if (b != null) {
                if (!join) {
                    b.append(s, i, end);
                }
            }
            i = end - 1;
        }
        return b == null ? s : b.toString();
    }

    static List<String> tokens(String folded) {
        return folded.isEmpty() ? List.of() : folded.indexOf(' ') < 0 ? List.of(folded) : List.of(folded.split(" "));
    }

    static boolean isHan(int codePoint) {
        if (codePoint < 0x80) {
            return false; // the common cases first: UnicodeScript.of searches a table of scripts
        }
        return codePoint >= '\u4E00' && codePoint <= '\u9FA5'
                || Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /**
     * Where {@code suffix} ends {@code folded} as a whole word, or -1. A Han suffix needs no word boundary
     * (Chinese has no spaces); a Latin one must start a word, so "ag" is never cut from "hag".
     * The suffix must leave something before it: a name is never folded to nothing.
     */
    static int suffixStart(String folded, String suffix) {
        if (!folded.endsWith(suffix) || folded.length() == suffix.length()) {
            return -1;
        }
        int start = folded.length() - suffix.length();
        boolean hanSuffix = isHan(suffix.codePointAt(0));
        return hanSuffix || folded.charAt(start - 1) == ' ' ? start : -1;
    }
}
