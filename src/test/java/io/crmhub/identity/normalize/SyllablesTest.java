package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The syllable trie answers what looking each substring up in the set answered. */
class SyllablesTest {

    private static final Set<String> SET = Set.of("a", "an", "ang", "xi", "xian", "xiao", "ming", "zhuang", "yu", "yun",
            "na", "wa", "nan", "e", "er", "o", "ou");
    private static final Syllables SYLLABLES = new Syllables(SET);

    @Test
    void theLengthsOfTheSyllablesStartingAtAPosition() {
        assertThat(SYLLABLES.endsFrom("xiaoming", 0, 6)).isEqualTo(1 << 2 | 1 << 4); // xi, xiao
        assertThat(SYLLABLES.endsFrom("xiaoming", 4, 6)).isEqualTo(1 << 4); // ming
        assertThat(SYLLABLES.endsFrom("zhuang", 0, 5)).isZero(); // longer than allowed
        assertThat(SYLLABLES.endsFrom("zhuang", 0, 6)).isEqualTo(1 << 6);
        assertThat(SYLLABLES.endsFrom("x1an", 0, 6)).isZero();
        assertThat(SYLLABLES.endsFrom("xïan", 0, 6)).isZero();
        assertThat(SYLLABLES.endsFrom("ANG", 0, 6)).isZero();
        assertThat(SYLLABLES.endsFrom("", 0, 6)).isZero();
        assertThat(SYLLABLES.syllable("xiaoming", 4, 8)).isEqualTo("ming");
    }

    @Test
    void agreesWithTheSetOnRandomWords() {
        String letters = "aeinouxgmzhyw1éA";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) {
                b.append(letters.charAt(random.nextInt(letters.length())));
            }
            String word = b.toString();
            for (int from = 0; from < word.length(); from++) {
                int expected = 0;
                for (int to = from + 1; to <= Math.min(word.length(), from + 6); to++) {
                    expected |= SET.contains(word.substring(from, to)) ? 1 << to - from : 0;
                }
                assertThat(SYLLABLES.endsFrom(word, from, 6)).as(word + " from " + from).isEqualTo(expected);
            }
        }
    }

    @Test
    void onlyLettersAToZ() {
        assertThatThrownBy(() -> new Syllables(Set.of("lü"))).isInstanceOf(IllegalArgumentException.class);
    }
}
