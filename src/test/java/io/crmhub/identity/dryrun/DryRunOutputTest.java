package io.crmhub.identity.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** golden.csv's lines joined by hand where commons-csv would write the values as they are, and its golden ids. */
class DryRunOutputTest {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

    @Test
    void aLineIsWhatTheCsvFormatWritesWhateverItsValues() {
        List<String> values = new ArrayList<>(List.of("", "a", "A-1", "r0", "line-12", "9", "0.50", "-3.25",
                "same-tax-id", "new", "f3b1c2d4-0000-3000-8000-000000000000", "x:y", "a.b_c", "#1", "!x", " a",
                "a ", "a,b", "a\"b", "a\nb", "a\rb", "王伟", "a\tb", "\"", ",", "é", "a;b", "a'b"));
        Random random = new Random(7);
        String alphabet = "aZ09.-_:#!\" ,\n\r\t王;'";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(b.toString());
        }
        values.add(null);
        for (int i = 0; i < values.size(); i++) {
            for (int at = 0; at < 3; at++) {
                String[] line = {"r1", "c", "", values.get((i + 1) % values.size())};
                line[at] = values.get(i);
                assertThat(DryRunOutput.line(line)).as("%s at %d", values.get(i), at)
                        .isEqualTo(FORMAT.format((Object[]) line) + FORMAT.getRecordSeparator());
            }
        }
    }

    @Test
    void aGoldenIdIsTheNameBasedUuidOfItsFirstRecord() {
        DryRunOutput output = new DryRunOutput("legacy-crm", "customers");
        for (String key : List.of("r0", "line-7", "C-000123", "王伟", "")) {
            assertThat(output.goldenId(key)).isEqualTo(UUID.nameUUIDFromBytes(
                    ("legacy-crm:customers:" + key).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
