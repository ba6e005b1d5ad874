package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The character loops of {@link Texts} against the regular expressions and the NFKC call they replaced, kept here
 * as the reference: same result for every input, including whitespace that only one of the two Java notions of
 * whitespace covers (U+00A0 is ours and not {@link Character#isWhitespace}'s; U+2003 the other way round).
 */
class TextsTest {

    /** The replaced definition of whitespace. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000\\u00A0]+");

    /** Characters on both sides of every rule: the eight whitespace characters and their near misses. */
    private static final String[] PIECES = {"a", "Z", "7", " ", "  ", "\t", "\n", "\r", "\u000B", "\f", "\u3000",
            "\u00A0", "\u2003", "\u2007", "\u202F", "\u001C", "\u0085", "\u2028", "\u200B", "\uFEFF", "\u0008",
            "\u000E", "Ａ", "１", "ｚ", "é", "e\u0301", "'", "’", "（", "）", "·", "张", "伟", "有限公司", "\u4E00",
            "\u9FA5", "\u9FA6", "\u3400", "\uF900", "\uD840\uDC00", "\uD840", "ｶ", "か\u3099", "ﬁ", "①", "²", "™",
            "\u007F", "\u0080", "ß", "İ"};

    static List<String> edgeInputs() {
        List<String> inputs = new ArrayList<>(List.of("", " ", "   ", "\u3000", "\u00A0", "\t\n\r", " \u3000 ",
                "\u2003", "a", " a ", "a  b", "a\u3000b", "a\u00A0\u00A0b", "\ta\nb\r", "\u2003a\u2003", "Ａｃｍｅ",
                "１２３", "张 伟", "张\u3000伟", "IBM中国", "Zoë", "O’Brien", "\u3000\u00A0x\u00A0\u3000", "a \u2003 b"));
        for (String piece : PIECES) {
            inputs.add(piece);
            inputs.add(" " + piece + " ");
            inputs.add("x" + piece + "y");
        }
        return inputs;
    }

    @ParameterizedTest
    @MethodSource("edgeInputs")
    void edgeInputsAsTheRegularExpressionsHadThem(String text) {
        assertSameAsReference(text);
    }

    @Test
    void nullIsNoValue() {
        assertThat(Texts.isBlank(null)).isTrue();
        assertThat(Texts.clean(null)).isNull();
        assertThat(Texts.collapseWhitespace(null)).isNull();
        assertThat(Texts.removeWhitespace(null)).isNull();
        assertThat(Texts.halfwidth(null)).isNull();
    }

    @Test
    void halfwidthAndWhitespaceAsDocumented() {
        assertThat(Texts.clean(" \u3000Ａｃｍｅ\u00A0\t１２３ \n")).isEqualTo("Acme 123");
        assertThat(Texts.removeWhitespace("上海 市\u3000浦东\u00A0新区\t")).isEqualTo("上海市浦东新区");
        assertThat(Texts.isBlank("\u3000\u00A0 \t\r\n\u000B\f")).isTrue();
        assertThat(Texts.isBlank("\u2003")).isFalse(); // not whitespace to the hub, though Java's strip() drops it
        assertThat(Texts.clean("\u2003")).isEmpty();
    }

    @Test
    void randomTextsAsTheRegularExpressionsHadThem() {
        Random random = new Random(20_261_204L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameAsReference(b.toString());
        }
    }

    private static void assertSameAsReference(String text) {
        assertThat(Texts.isBlank(text)).as("isBlank(%s)", escaped(text))
                .isEqualTo(WHITESPACE.matcher(text).replaceAll("").isEmpty());
        assertThat(Texts.removeWhitespace(text)).as("removeWhitespace(%s)", escaped(text))
                .isEqualTo(WHITESPACE.matcher(text).replaceAll(""));
        assertThat(Texts.collapseWhitespace(text)).as("collapseWhitespace(%s)", escaped(text))
                .isEqualTo(WHITESPACE.matcher(text).replaceAll(" ").strip());
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        assertThat(Texts.halfwidth(text)).as("halfwidth(%s)", escaped(text)).isEqualTo(nfkc);
        String clean = WHITESPACE.matcher(text).replaceAll("").isEmpty() ? null
                : WHITESPACE.matcher(nfkc).replaceAll(" ").strip();
        assertThat(Texts.clean(text)).as("clean(%s)", escaped(text)).isEqualTo(clean);
    }

    private static String escaped(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().forEach(c -> b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return b.toString();
    }

    @Test
    void sharedIsTheInternedInstanceAlsoWhenCachedOrDisplaced() {
        Random random = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            String value = "v" + random.nextInt(20_000); // 20,000 values in 4,096 slots: hits, misses, displacements
            String copy = new String(value.toCharArray());
            assertThat(Texts.shared(copy)).isSameAs(value.intern()).isEqualTo(value);
        }
        assertThat(Texts.shared(null)).isNull();
        assertThat(Texts.shared("")).isSameAs("".intern());
    }
}
