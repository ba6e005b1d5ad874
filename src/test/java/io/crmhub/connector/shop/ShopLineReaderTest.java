package io.crmhub.connector.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopLineReaderTest {

    @Test
    void numbersLinesAcrossAllLineEnds() throws IOException {
        assertThat(read("a\nb\r\nc\rd\n", 100)).containsExactly(
                new TextLine(1, "a", true, false), new TextLine(2, "b", true, false),
                new TextLine(3, "c", true, false), new TextLine(4, "d", true, false));
    }

    @Test
    void saysWhenTheLastLineHasNoLineEnd() throws IOException {
        assertThat(read("a\nhalf", 100)).containsExactly(
                new TextLine(1, "a", true, false), new TextLine(2, "half", false, false));
    }

    @Test
    void keepsBlankLinesSoLineNumbersMatchAnEditor() throws IOException {
        assertThat(read("a\n\nb\n", 100)).extracting(TextLine::number, TextLine::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "a"), org.assertj.core.groups.Tuple.tuple(2L, ""),
                        org.assertj.core.groups.Tuple.tuple(3L, "b"));
    }

    @Test
    void anEmptyInputHasNoLines() throws IOException {
        assertThat(read("", 100)).isEmpty();
    }

    @Test
    void cutsOverlongLinesButKeepsCounting() throws IOException {
        assertThat(read("abcdefgh\nxy\n", 4)).containsExactly(
                new TextLine(1, "abcd", true, true), new TextLine(2, "xy", true, false));
    }

    @Test
    void aCrLfSplitAcrossTheBufferIsOneLineEnd() throws IOException {
        String first = "x".repeat(8191);
        assertThat(read(first + "\r\nnext\n", 10_000)).extracting(TextLine::text).containsExactly(first, "next");
    }

    private static List<TextLine> read(String text, int max) throws IOException {
        List<TextLine> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new StringReader(text), max)) {
            for (TextLine l = reader.next(); l != null; l = reader.next()) {
                lines.add(l);
            }
        }
        return lines;
    }
}
