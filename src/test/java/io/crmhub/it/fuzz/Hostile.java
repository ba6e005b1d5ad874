package io.crmhub.it.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators (jqwik arbitraries) of what a careless or hostile source sends: control and format characters,
 * markup and query syntax, full-width and right-to-left text, surrogate pairs, numbers and dates that are nearly
 * right, empty and very long values. Each edge mixes them into otherwise well-formed records.
 */
final class Hostile {

    private Hostile() {}

    /** Fixed nasty values, each of which has broken some parser somewhere. */
    private static final List<String> KNOWN = List.of("", " ", "\t", "null", "NULL", "undefined", "NaN", "Infinity",
            "-0", "1e309", "-1", "0", "99999999999999999999999999", "1,234.50", "１２３４", "¥980", "12,3a",
            "2024-13-45", "2024/02/30", "0000-00-00", "9999-12-31T23:59:59Z", "2024-06-04T25:00", "20240631",
            "'; DROP TABLE customer_record; --", "\" OR 1=1 --", "<script>alert(1)</script>", "]]>", "<![CDATA[x]]>",
            "&amp;", "&#0;", "&lt;", "{{placeholder}}", "${jndi:ldap://x/a}", "%s%s%n", "%00", "..\\..\\etc\\passwd",
            "\u202Eevil\u202C", "\u200B", "\uFEFF", "\uFFFD", "李\u3000娜", "Ｕ１００３", "😀👩‍👩‍👧", "\u0085", "\u2028",
            "a\rb", "a\nb", "\\u0000", "\\", "\"", "'", ",", ";", "|", "#", "{}", "[]", "{\"a\":", "true", "[1,2");

    static Arbitrary<String> known() {
        return Arbitraries.of(KNOWN);
    }

    /** One C0 control character (not tab/CR/LF) or DEL, somewhere in a word. */
    static Arbitrary<String> withControlCharacter() {
        return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6),
                Arbitraries.chars().range('\u0001', '\u001F').filter(c -> c != '\t' && c != '\n' && c != '\r'),
                Arbitraries.strings().alpha().ofMaxLength(6)).as((a, c, b) -> a + c + b);
    }

    /** Any Unicode text, including CJK, symbols and surrogate pairs. */
    static Arbitrary<String> anyText(int maxLength) {
        return Arbitraries.strings().all().ofMaxLength(maxLength);
    }

    static Arbitrary<String> longText() {
        return Arbitraries.integers().between(300, 5_000).map("長"::repeat);
    }

    /** Numbers as a person or a broken export writes them. */
    static Arbitrary<String> number() {
        return Arbitraries.oneOf(Arbitraries.bigDecimals().between(new java.math.BigDecimal("-1e12"),
                        new java.math.BigDecimal("1e12")).ofScale(4).map(java.math.BigDecimal::toPlainString),
                Arbitraries.strings().withChars("0123456789.,-+eE ¥$１２３").ofMinLength(1).ofMaxLength(14));
    }

    /** Dates and times that are nearly right, or not at all. */
    static Arbitrary<String> dateTime() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 14),
                        Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 30),
                        Arbitraries.of("-", "/", "", "年", "."), Arbitraries.of("", " 13:00", "T25:61", "Z", "+08:00"))
                .as((y, m, d, h, sep, tail) -> String.format("%04d%s%d%s%d%s", y, sep, m, sep, d, tail));
    }

    /** A value for a free-text column: mostly plausible, often hostile, sometimes thousands of characters. */
    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(13, shortText()), net.jqwik.api.Tuple.of(1, longText()));
    }

    /**
     * As {@link #text()} but at most a few hundred characters: what fits in a URL (Tomcat refuses request lines and
     * headers over 8 KiB itself, before the hub sees them).
     */
    static Arbitrary<String> shortText() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars(" -_.@").ofMaxLength(30)),
                net.jqwik.api.Tuple.of(3, known()),
                net.jqwik.api.Tuple.of(2, withControlCharacter()),
                net.jqwik.api.Tuple.of(2, anyText(40)),
                net.jqwik.api.Tuple.of(1, number()),
                net.jqwik.api.Tuple.of(1, dateTime()));
    }

    /** A text column value, or none at all. */
    static Arbitrary<String> textOrNull() {
        return text().injectNull(0.1);
    }
}
