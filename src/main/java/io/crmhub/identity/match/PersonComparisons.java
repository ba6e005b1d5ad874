package io.crmhub.identity.match;

import io.crmhub.identity.normalize.LatinWords;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedDocument;
import java.util.List;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * The comparison levels of what identifies people: identity documents, birth dates, international addresses read
 * as tokens and Latin-script names (order swapped, initials, nicknames, one edit). Levels only; weighing is
 * {@link FieldComparators}'. Stateless and thread-safe.
 */
final class PersonComparisons {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    /** Street and locality names at least this similar are one name typed twice. */
    private static final double SIMILAR_PLACE = 0.9;
    /** Words of a name at least this similar are one word typed twice (Hernandze / Hrnandez). */
    private static final double SIMILAR_WORD = 0.9;

    private final LatinWords latin;

    PersonComparisons(LatinWords latin) {
        this.latin = latin;
    }

    /**
     * Documents of one type (and one issuing country when both are known): EXACT, ONE_OFF (one edit or
     * transposition), DIFFERENT; MISSING when the records share no comparable document.
     */
    static Level documents(List<NormalizedDocument> a, List<NormalizedDocument> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Level.MISSING;
        }
        Level level = Level.MISSING;
        for (int i = 0; i < a.size(); i++) {
            NormalizedDocument x = a.get(i);
            for (int j = 0; j < b.size(); j++) {
                NormalizedDocument y = b.get(j);
                if (x.type() != y.type() || x.country() != null && y.country() != null
                        && !x.country().equals(y.country())) {
                    continue;
                }
                if (x.number().equals(y.number())) {
                    return Level.EXACT;
                }
                level = oneEdit(x.number(), y.number()) ? Level.ONE_OFF
                        : level == Level.MISSING ? Level.DIFFERENT : level;
            }
        }
        return level;
    }

    /** Two different valid China resident ids: two people, whatever else agrees. */
    static boolean differentValidResidentIds(NormalizedCustomer a, NormalizedCustomer b) {
        String x = a.validResidentId();
        String y = x == null ? null : b.validResidentId();
        return y != null && !x.equals(y);
    }

    /** Birth dates as yyyymmdd (0 unknown): EXACT, SWAPPED (day and month), ONE_OFF (one field), DIFFERENT. */
    static Level birthDates(int a, int b) {
        if (a == 0 || b == 0) {
            return Level.MISSING;
        }
        if (a == b) {
            return Level.EXACT;
        }
        int ya = a / 10_000;
        int ma = a / 100 % 100;
        int da = a % 100;
        int yb = b / 10_000;
        int mb = b / 100 % 100;
        int db = b % 100;
        if (ya == yb && ma == db && da == mb) {
            return Level.SWAPPED;
        }
        int differing = (ya != yb ? 1 : 0) + (ma != mb ? 1 : 0) + (da != db ? 1 : 0);
        return differing == 1 ? Level.ONE_OFF : Level.DIFFERENT;
    }

    /** Equal length with one substitution or one adjacent transposition, or one character more or less. */
    static boolean oneEdit(String x, String y) {
        int lx = x.length();
        int ly = y.length();
        if (Math.abs(lx - ly) > 1) {
            return false;
        }
        int i = 0;
        while (i < lx && i < ly && x.charAt(i) == y.charAt(i)) {
            i++;
        }
        if (lx == ly) {
            if (x.regionMatches(i + 1, y, i + 1, lx - i - 1)) {
                return true; // one substitution
            }
            return i + 1 < lx && x.charAt(i) == y.charAt(i + 1) && x.charAt(i + 1) == y.charAt(i)
                    && x.regionMatches(i + 2, y, i + 2, lx - i - 2);
        }
        return lx > ly ? x.regionMatches(i + 1, y, i, ly - i) : y.regionMatches(i + 1, x, i, lx - i);
    }

    /**
     * Two international addresses: EXACT when street and house number agree and so does the postcode or the
     * locality; FUZZY_HIGH when street and house number agree but postcode and locality do not (or are unknown),
     * everything but the street agrees, or street and place agree and one house number is unknown; SAME_ROAD for the same street in the same place with another house number;
     * else DIFFERENT.
     */
    static Level international(NormalizedAddress x, NormalizedAddress y) {
        if (x.country() != null && y.country() != null && !x.country().equals(y.country())) {
            return Level.DIFFERENT;
        }
        boolean street = similar(x.road(), y.road());
        boolean house = x.houseNumber() != null && x.houseNumber().equals(y.houseNumber());
        boolean houseUnknown = x.houseNumber() == null || y.houseNumber() == null;
        boolean post = x.postcode() != null && x.postcode().equals(y.postcode());
        boolean place = similar(x.city(), y.city());
        if (street && house) {
            return post || place ? Level.EXACT : Level.FUZZY_HIGH;
        }
        if (house && post && place || street && houseUnknown && (post || place)) {
            return Level.FUZZY_HIGH;
        }
        return street && (post || place) ? Level.SAME_ROAD : Level.DIFFERENT;
    }

    private static boolean similar(String x, String y) {
        return x != null && y != null && (x.equals(y) || JARO_WINKLER.apply(x, y) >= SIMILAR_PLACE);
    }

    /**
     * Two Latin-script person names whose keys differ: EXACT when they have the same words in another order
     * (given and family name swapped); FUZZY_HIGH when every word of the shorter name pairs off with a word of the
     * other — equal, an initial ("J" / "John"), a nickname ("Bill" / "William") or one edit away — in order or
     * swapped; a name of one word (the given or the family name left out) when that word, not an initial, pairs
     * with a word of the other; null when neither.
     */
    Level latinNames(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty() || a.size() == 1 && b.size() == 1) {
            return null;
        }
        if (a.size() == b.size() && sameWords(a, b)) {
            return Level.EXACT;
        }
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = shorter == a ? b : a;
        return pairsOff(shorter, longer) ? Level.FUZZY_HIGH : null;
    }

    private static boolean sameWords(List<String> a, List<String> b) {
        for (String word : a) {
            if (!b.contains(word)) {
                return false;
            }
        }
        for (String word : b) {
            if (!a.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Each word of {@code shorter} pairs with a distinct word of {@code longer} (at most 4 words, greedy). */
    private boolean pairsOff(List<String> shorter, List<String> longer) {
        if (longer.size() > 4) {
            return false;
        }
        boolean[] used = new boolean[longer.size()];
        int initials = 0;
        for (String word : shorter) {
            int found = -1;
            for (int j = 0; j < longer.size() && found < 0; j++) {
                if (!used[j] && Objects.equals(word, longer.get(j))) {
                    found = j;
                }
            }
            for (int j = 0; j < longer.size() && found < 0; j++) {
                if (!used[j] && alike(word, longer.get(j))) {
                    found = j;
                }
            }
            if (found < 0) {
                return false;
            }
            used[found] = true;
            initials += word.length() == 1 || longer.get(found).length() == 1 ? 1 : 0;
        }
        return initials < shorter.size(); // "j s" / "john smith" is too little
    }

    private boolean alike(String x, String y) {
        if (x.length() == 1 || y.length() == 1) {
            return x.charAt(0) == y.charAt(0);
        }
        if (latin.formal(x).equals(latin.formal(y))) {
            return true;
        }
        return Math.min(x.length(), y.length()) >= 4
                && (oneEdit(x, y) || JARO_WINKLER.apply(x, y) >= SIMILAR_WORD);
    }
}
