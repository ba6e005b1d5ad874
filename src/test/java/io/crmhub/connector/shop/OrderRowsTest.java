package io.crmhub.connector.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderRows#fields} reads a line without quotes itself and hands every other line to commons-csv: both must
 * give what commons-csv gives (RFC 4180, fields trimmed) for any line.
 */
class OrderRowsTest {

    /** What the library makes of the line: its fields, or null when it is not exactly one readable record. */
    private static List<String> library(String line) {
        try (CSVParser parser = CSVParser.parse(line, CSVFormat.RFC4180.builder().setTrim(true).get())) {
            List<CSVRecord> records = parser.getRecords();
            return records.size() == 1 ? records.get(0).toList() : null;
        } catch (UncheckedIOException | IOException | IllegalStateException e) {
            return null;
        }
    }

    private static void sameAsTheLibrary(String line) {
        List<String> expected = library(line);
        if (expected == null) {
            assertThatThrownBy(() -> OrderRows.fields(line)).as("line [%s]", line)
                    .isInstanceOf(RowRejectedException.class);
        } else {
            try {
                assertThat(OrderRows.fields(line)).as("line [%s]", line).isEqualTo(expected);
            } catch (RowRejectedException e) {
                throw new AssertionError("line [" + line + "] rejected: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void unquotedLinesAreSplitAtEveryCommaAndTrimmed() throws RowRejectedException {
        assertThat(OrderRows.fields(" A-1 ,2024-06-01T08:00:00Z,, 上海 ,x")).containsExactly("A-1",
                "2024-06-01T08:00:00Z", "", "上海", "x");
        assertThat(OrderRows.fields("a,b,")).containsExactly("a", "b", "");
        assertThat(OrderRows.fields(",")).containsExactly("", "");
        assertThat(OrderRows.fields("   ")).containsExactly("");
    }

    @Test
    void quotedLinesStillGoThroughTheParser() throws RowRejectedException {
        assertThat(OrderRows.fields("\"a,b\",\"say \"\"hi\"\"\" ,c")).containsExactly("a,b", "say \"hi\"", "c");
        assertThatThrownBy(() -> OrderRows.fields("a,\"open")).isInstanceOf(RowRejectedException.class)
                .hasMessageContaining("unterminated");
    }

    @Test
    void edgeLinesReadAsTheLibraryReadsThem() {
        for (String line : List.of("", " ", "\t", ",", ",,", " , ", "a", "a,", ",a", "a\tb,c", "\u00a0a\u00a0,b",
                "a\rb", "a\nb", "\"\"", "a,\"\"", "\"a\" ,b", "a \"b\" c,d", "\uFEFForder_no,sku")) {
            sameAsTheLibrary(line);
        }
    }

    @Test
    void randomLinesReadAsTheLibraryReadsThem() {
        char[] alphabet = {'a', 'Z', '7', '中', '-', ' ', ' ', '\t', ',', ',', ',', '"', '.', '\u00a0', '\u3000'};
        Random random = new Random(20261206);
        int unquoted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                char c = alphabet[random.nextInt(alphabet.length)];
                // a third of the lines without a quote at all: the path that skips the parser
                line.append(c == '"' && i % 3 == 0 ? ',' : c);
            }
            if (line.indexOf("\"") < 0) {
                unquoted++;
            }
            sameAsTheLibrary(line.toString());
        }
        assertThat(unquoted).isGreaterThan(5_000);
    }
}
