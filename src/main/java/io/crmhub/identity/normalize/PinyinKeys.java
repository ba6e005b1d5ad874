package io.crmhub.identity.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The pinyin key of a name: its toneless pinyin syllables, sorted, so 张伟, "Zhang Wei", "Wei Zhang" and
 * "ZHANG Wei" all key as "wei zhang", and "Xiaoming Wang" meets 王小明. ü is written u (吕 = Lu, as on
 * passports). A polyphonic character takes pinyin4j's first reading, except a person's surname, which
 * takes its surname reading from {@code mappings/identity/surname-readings.yaml} (单 = Shan).
 */
public final class PinyinKeys {

    static final String FILE = "surname-readings.yaml";
    private static final int LONGEST_SYLLABLE = 6;
    private static final char FIRST_HAN = '\u4E00';
    private static final char LAST_HAN = '\u9FA5';

    private final Map<Character, String> surnames;
    private final HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
    /** Every syllable pinyin4j knows, so "xiaoming" can be split into xiao + ming. */
    private final Syllables syllables;
    /**
     * The first reading of every character of the basic block, looked up once: pinyin4j parses and formats its
     * table entry on every call, which was a fifth of normalising a record.
     */
    private final String[] firstReadings = new String[LAST_HAN - FIRST_HAN + 1];
    /** The surname readings of the basic block's characters by character, null where the first reading holds. */
    private final String[] surnameReadings = new String[LAST_HAN - FIRST_HAN + 1];

    PinyinKeys(Map<Character, String> surnames) {
        this.surnames = Map.copyOf(surnames);
        this.surnames.forEach((han, reading) -> {
            if (han >= FIRST_HAN && han <= LAST_HAN) {
                surnameReadings[han - FIRST_HAN] = reading;
            }
        });
        format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        format.setVCharType(HanyuPinyinVCharType.WITH_V);
        this.syllables = new Syllables(readAllCharacters());
    }

    public static PinyinKeys fromClasspath() {
        Map<Character, String> surnames = new HashMap<>();
        IdentityData.pairs(IdentityData.read(FILE), "surname-readings", FILE)
                .forEach((han, reading) -> surnames.put(han.charAt(0), reading));
        return new PinyinKeys(surnames);
    }

    /**
     * The key of a normalised name, or null when nothing in it reads as pinyin or Latin words.
     *
     * @param person whether the first Han character is a surname
     */
    public String key(NormalizedName name, boolean person) {
        if (name == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        boolean first = person;
        for (String token : name.tokens()) {
            if (NameFolding.isHan(token.codePointAt(0))) {
                addHan(token, first, parts);
                first = false;
            } else {
                parts.addAll(splitLatin(token));
            }
        }
        parts.sort(null);
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private void addHan(String token, boolean surnameFirst, List<String> parts) {
        for (int i = 0; i < token.length(); i += Character.charCount(token.codePointAt(i))) {
            int codePoint = token.codePointAt(i);
            if (Character.isSupplementaryCodePoint(codePoint)) {
                // a rare character beyond the basic plane (𡒄): pinyin4j reads single chars, so it stands for itself
                // whole instead of as two halves of a surrogate pair that no database or JSON writer keeps
                parts.add(Character.toString(codePoint));
                continue;
            }
            char c = (char) codePoint;
            String reading = i == 0 && surnameFirst ? surnameReading(c) : null;
            parts.add(reading != null ? reading : reading(c));
        }
    }

    private String surnameReading(char c) {
        return c >= FIRST_HAN && c <= LAST_HAN ? surnameReadings[c - FIRST_HAN] : surnames.get(c);
    }

    private String reading(char c) {
        return c >= FIRST_HAN && c <= LAST_HAN ? firstReadings[c - FIRST_HAN] : firstReading(c);
    }

    private String firstReading(char c) {
        String[] readings = readings(c);
        return readings.length == 0 ? String.valueOf(c) : readings[0];
    }

    /** Toneless readings, ü as u; none for a character pinyin4j does not know. */
    private String[] readings(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, format);
            if (readings == null) {
                return new String[0];
            }
            for (int i = 0; i < readings.length; i++) {
                readings[i] = readings[i].replace('v', 'u');
            }
            return readings;
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin format rejected", e); // our fixed format: cannot happen
        }
    }

    /** A Latin word as pinyin syllables when it is pinyin ("xiaoming" → xiao, ming), else the word itself. */
    List<String> splitLatin(String word) {
        String w = word.replace('v', 'u');
        int n = w.length();
        int[] count = new int[n + 1];
        int[] next = new int[n + 1];
        Arrays.fill(count, Integer.MAX_VALUE);
        count[n] = 0;
        // Fewest syllables wins; on a tie the longer first syllable. As pinyin is written, a syllable starting
        // with a, o or e never follows another without an apostrophe (Xi'an), so "yuna" is yu na, not yun a.
        for (int i = n - 1; i >= 0; i--) {
            int ends = syllables.endsFrom(w, i, LONGEST_SYLLABLE);
            for (int j = Math.min(n, i + LONGEST_SYLLABLE); j > i; j--) {
                if (count[j] != Integer.MAX_VALUE && count[j] + 1 < count[i] && (j == n || !startsWithAoe(w, j))
                        && (ends & 1 << j - i) != 0) {
                    count[i] = count[j] + 1;
                    next[i] = j;
                }
            }
        }
        if (count[0] == Integer.MAX_VALUE) {
            return List.of(word);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i = next[i]) {
            out.add(syllables.syllable(w, i, next[i]));
        }
        return out;
    }

    private static boolean startsWithAoe(String w, int at) {
        char c = w.charAt(at);
        return c == 'a' || c == 'o' || c == 'e';
    }

    /**
     * Fills the first-reading table and returns the syllables with a vowel only: bare m, n, ng would split
     * ordinary words ("smith") into "pinyin".
     */
    private Set<String> readAllCharacters() {
        Set<String> all = new HashSet<>();
        for (char c = FIRST_HAN; c <= LAST_HAN; c++) {
            String[] readings = readings(c);
            firstReadings[c - FIRST_HAN] = readings.length == 0 ? String.valueOf(c) : readings[0];
            for (String r : readings) {
                if (r.matches("[a-z]*[aeiou][a-z]*")) {
                    all.add(r);
                }
            }
        }
        return Set.copyOf(all);
    }
}
