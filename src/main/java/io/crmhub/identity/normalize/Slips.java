package io.crmhub.identity.normalize;

/**
 * One-character typing slips between a text and the word it was meant to be: what lets a mistyped legal form
 * (限有责任公司, 有限公通) or branch marker (公分司, 分公司司) still be recognised.
 */
final class Slips {

    private Slips() {}

    /** {@code typed} is {@code word} with two neighbouring characters swapped. */
    static boolean swapped(String typed, String word) {
        int n = word.length();
        if (typed.length() != n) {
            return false;
        }
        int i = firstDifference(typed, word);
        return i + 1 < n && typed.charAt(i) == word.charAt(i + 1) && typed.charAt(i + 1) == word.charAt(i)
                && typed.regionMatches(i + 2, word, i + 2, n - i - 2);
    }

    /** {@code typed} is {@code word} with one character replaced. */
    static boolean replaced(String typed, String word) {
        int n = word.length();
        if (typed.length() != n) {
            return false;
        }
        int i = firstDifference(typed, word);
        return i < n && typed.regionMatches(i + 1, word, i + 1, n - i - 1);
    }

    /** {@code typed} is {@code word} with one character typed twice. */
    static boolean doubled(String typed, String word) {
        if (typed.length() != word.length() + 1) {
            return false;
        }
        int i = firstDifference(typed, word);
        return i > 0 && typed.charAt(i) == typed.charAt(i - 1) && typed.regionMatches(i + 1, word, i, word.length() - i)
                || i == 0 && typed.charAt(0) == typed.charAt(1) && typed.regionMatches(1, word, 0, word.length());
    }

    /** {@code typed} is {@code word} with one character left out. */
    static boolean dropped(String typed, String word) {
        if (typed.length() + 1 != word.length()) {
            return false;
        }
        int i = firstDifference(typed, word);
        return typed.regionMatches(i, word, i + 1, typed.length() - i);
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
