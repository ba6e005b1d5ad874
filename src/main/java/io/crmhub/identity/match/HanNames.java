package io.crmhub.identity.match;

/**
 * Typing slips in Chinese names, which Jaro-Winkler cannot see: on two- to four-character strings its matching
 * window is zero or one character, so 丁睿蕾 / 丁蕾 scores 0.61 and 潘毅毅楠 / 潘毅楠 0.75, below every band.
 */
final class HanNames {

    private HanNames() {}

    /**
     * Whether two Han names (no spaces, no other script) with the same first character differ by exactly one
     * character left out or added, or two neighbours swapped, both having at least three characters:
     * 潘毅毅楠 / 潘毅楠, 欧阳震华 / 欧阳华震, 林丽晨 / 林丽晨晨. A replaced character does not count: 王建国 / 王建军 is
     * as likely two siblings as one slip, so it stays with Jaro-Winkler.
     */
    static boolean oneCharacterSlip(String a, String b) {
        return Math.min(a.length(), b.length()) >= 3 && slip(a, b);
    }

    /**
     * Like {@link #oneCharacterSlip}, but the shorter name may have two characters (丁睿蕾 / 丁蕾). A two-character
     * name is common and often part of another person's (王强 / 王强超 sharing an office switchboard), so this
     * looser test is only used together with a personal phone, in the same-phone rule.
     */
    static boolean slipOfShortName(String a, String b) {
        return Math.max(a.length(), b.length()) >= 3 && Math.min(a.length(), b.length()) >= 2 && slip(a, b);
    }

    private static boolean slip(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.charAt(0) != b.charAt(0)
                || !allHan(a) || !allHan(b)) {
            return false;
        }
        if (la == lb) {
            return oneSwap(a, b);
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && longer.charAt(i) == shorter.charAt(i)) {
            i++;
        }
        return longer.regionMatches(i + 1, shorter, i, shorter.length() - i);
    }

    private static boolean oneSwap(String a, String b) {
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                && a.regionMatches(i + 2, b, i + 2, a.length() - i - 2);
    }

    /**
     * Whether one Chinese company name is the other with a two- or three-character prefix left out, and at least
     * four characters remain: 成都弘豪科技 / 弘豪科技. Company names are registered as place + trade name + trade +
     * legal form, and the place is usually dropped in speech, on invoices and in CRMs.
     */
    static boolean placeLeftOut(String a, String b) {
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer == a ? b : a;
        int prefix = longer.length() - shorter.length();
        return prefix >= 2 && prefix <= 3 && shorter.length() >= 4 && longer.endsWith(shorter) && allHan(longer);
    }

    /**
     * Whether one name is written in Han characters and the other is not (王志泽 / "Wagn Zhize"): their keys share
     * no character, so only their pinyin keys can be compared for similarity.
     */
    static boolean crossScript(String a, String b) {
        return hasHan(a) != hasHan(b);
    }

    private static boolean hasHan(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u3400' && c <= '\u9FFF') {
                return true;
            }
        }
        return false;
    }

    /** Han characters of the basic block and extension A only, which is what names are written in. */
    private static boolean allHan(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '\u3400' || c > '\u9FFF' || c >= '\u4DC0' && c < '\u4E00') {
                return false;
            }
        }
        return true;
    }
}
