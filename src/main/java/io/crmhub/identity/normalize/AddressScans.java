package io.crmhub.identity.normalize;

/**
 * The patterns of Chinese addresses, as character scans: run for every address of every record, where compiling a
 * matcher per pattern and call was most of the parse. Each method says the regular expression it stands for (the
 * way it was written before, and the way it is tested); a match is {start, end of group 1, end}, null for none.
 * {@code \d} is an ASCII digit, {@code .} any character but a line terminator, as in {@link java.util.regex.Pattern}.
 */
final class AddressScans {

    /** Characters a city's or district's name cannot hold: "世纪大道100号" is not a city. */
    private static final String NOT_IN_PLACE = "路街道号弄巷";
    private static final String[] CITY_SUFFIXES = {"自治州", "地区", "盟", "市"};
    private static final String[] DISTRICT_SUFFIXES = {"区", "县", "旗", "市"};
    private static final String[] BUILDING_SUFFIXES = {"号楼", "栋", "幢", "座"};
    private static final String[] FLOOR_SUFFIXES = {"楼", "层", "f", "F"};
    private static final String[] ROOM_SUFFIXES = {"室", "房", "户"};
    private static final int LONGEST_PLACE = 9;

    private AddressScans() {}

    /** {@code ^(?:中华人民共和国|中国)}: the length of the country's name at the start, else 0. */
    static int countryLength(String text) {
        return text.startsWith("中华人民共和国") ? 7 : text.startsWith("中国") ? 2 : 0;
    }

    /** {@code ^([^路街道号弄巷\d]{1,9}?(?:自治州|地区|盟|市))}: the end of a city's name at the start, else -1. */
    static int cityEnd(String text) {
        return placeEnd(text, CITY_SUFFIXES);
    }

    /** {@code ^([^路街道号弄巷\d]{1,9}?(?:区|县|旗|市))}: the end of a district's name at the start, else -1. */
    static int districtEnd(String text) {
        return placeEnd(text, DISTRICT_SUFFIXES);
    }

    /** The shortest name of one to nine code points followed by a suffix. */
    private static int placeEnd(String text, String[] suffixes) {
        int i = 0;
        for (int count = 0; count < LONGEST_PLACE && i < text.length(); count++) {
            int c = text.codePointAt(i);
            if (c >= '0' && c <= '9' || NOT_IN_PLACE.indexOf(c) >= 0) {
                return -1;
            }
            i += Character.charCount(c);
            for (String suffix : suffixes) {
                if (text.startsWith(suffix, i)) {
                    return i + suffix.length();
                }
            }
        }
        return -1;
    }

    /** {@code ^(.*?)(\d+(?:-\d+)?)号(?!楼)}: a house number, the road before it as group 1, the number as group 2. */
    static int[] house(String text) {
        int n = text.length();
        for (int p = 0; p < n; ) {
            int digits = digitsEnd(text, p);
            if (digits > p) {
                int end = digits;
                if (end < n && text.charAt(end) == '-' && digitsEnd(text, end + 1) > end + 1) {
                    end = digitsEnd(text, end + 1);
                }
                if (end < n && text.charAt(end) == '号' && !(end + 1 < n && text.charAt(end + 1) == '楼')) {
                    return new int[] {p, end, end + 1};
                }
            }
            int c = text.codePointAt(p);
            if (isLineTerminator(c)) {
                return null;
            }
            p += Character.charCount(c);
        }
        return null;
    }

    /** {@code ([a-z0-9]+)(?:号楼|栋|幢|座)}, case-insensitive (ASCII): a building. */
    static int[] building(String text) {
        return runBefore(text, true, BUILDING_SUFFIXES);
    }

    /** {@code (\d+)(?:楼|层|f)}, case-insensitive (ASCII): a floor. */
    static int[] floor(String text) {
        return runBefore(text, false, FLOOR_SUFFIXES);
    }

    /** {@code (\d+)(?:室|房|户)}: a room. */
    static int[] room(String text) {
        return runBefore(text, false, ROOM_SUFFIXES);
    }

    /** {@code (\d+)$}: the digits ending the text (or standing before a final line terminator), else null. */
    static String trailingNumber(String text) {
        int i = 0;
        while (i < text.length()) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            i = digitsEnd(text, i);
            if (atEnd(text, i)) {
                return text.substring(start, i);
            }
        }
        return null;
    }

    /**
     * The first run of digits (or ASCII letters and digits) followed by a suffix. A run is tried whole: none of the
     * suffixes begins with a character of the run, so a shorter run, or one starting later, cannot match.
     */
    private static int[] runBefore(String text, boolean letters, String[] suffixes) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!inRun(text.charAt(i), letters)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && inRun(text.charAt(i), letters)) {
                i++;
            }
            for (String suffix : suffixes) {
                if (text.startsWith(suffix, i)) {
                    return new int[] {start, i, i + suffix.length()};
                }
            }
        }
        return null;
    }

    private static boolean inRun(char c, boolean letters) {
        return isDigit(c) || letters && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLineTerminator(int c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Where {@code $} matches without MULTILINE: at the end, or before a line terminator that ends the text. */
    private static boolean atEnd(String text, int i) {
        int n = text.length();
        if (i < n - 2 || i == n - 2 && !text.startsWith("\r\n", i)) {
            return false;
        }
        if (i == n) {
            return true;
        }
        char c = text.charAt(i);
        return c == '\n' ? i == 0 || text.charAt(i - 1) != '\r' : c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
