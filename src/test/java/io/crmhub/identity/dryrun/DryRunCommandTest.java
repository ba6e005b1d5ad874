package io.crmhub.identity.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.identity.eval.SyntheticCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry-run command end to end on src/test/resources/dry-run/sample.csv, asserting on the files it writes. */
class DryRunCommandTest {

    private static final Path SAMPLE = Path.of("src/test/resources/dry-run/sample.csv");

    @TempDir
    Path out;

    @Test
    void duplicatesShareAGoldenIdAndDifferentCustomersDoNot() throws IOException {
        DryRunCommand.main(new String[] {"--input", SAMPLE.toString(), "--out", out.toString()});

        Map<String, String> golden = column(read(out.resolve("golden.csv")), "golden_id");
        assertThat(golden).hasSize(14);
        assertThat(golden.get("A-2")).isEqualTo(golden.get("A-1"));                 // same tax id
        assertThat(golden.get("A-3")).isNotEqualTo(golden.get("A-1"));              // a branch, another tax id
        assertThat(golden.get("B-2")).isEqualTo(golden.get("B-1"));                 // same e-mail, pinyin name
        assertThat(golden.get("B-3")).isEqualTo(golden.get("B-1"));                 // same phone, spaced name
        assertThat(golden.get("C-2")).isNotEqualTo(golden.get("C-1"));              // 王伟 and another 王伟
        assertThat(List.of("D-1", "D-2", "D-3", "D-4").stream().map(golden::get).distinct()).hasSize(4);
        assertThat(column(read(out.resolve("golden.csv")), "rule")).containsEntry("A-2", "same-tax-id")
                .containsEntry("A-1", "new");
    }

    @Test
    void rowsTheMappingRefusesAreRejectedWithTheirLineAndReason() throws IOException {
        DryRunCommand.main(new String[] {"--input", SAMPLE.toString(), "--out", out.toString()});

        List<CSVRecord> rejects = read(out.resolve("rejects.csv"));
        assertThat(rejects).extracting(r -> r.get("line")).containsExactly("16", "17", "18");
        assertThat(rejects.get(0).get("reason")).contains("is not one of");
        assertThat(rejects.get(1).get("field")).isEqualTo("customers.name");
        assertThat(rejects.get(2).get("reason")).contains("columns");
        assertThat(Files.readString(out.resolve("rejects.csv"))).doesNotContain("13600136000");
    }

    @Test
    void aGb18030ExportIsReadLikeItsUtf8Twin() throws IOException {
        // an old Chinese CRM exports in GB18030: detected as the shop files and the file backfill detect it
        Path gbk = out.resolve("sample-gb18030.csv");
        Files.write(gbk, Files.readString(SAMPLE, StandardCharsets.UTF_8)
                .getBytes(io.crmhub.connector.shop.EncodingDetector.GB18030));

        DryRunCommand.main(new String[] {"--input", gbk.toString(), "--out", out.resolve("gbk").toString()});
        DryRunCommand.main(new String[] {"--input", SAMPLE.toString(), "--out", out.resolve("utf8").toString()});

        assertThat(Files.readString(out.resolve("gbk/golden.csv")))
                .isEqualTo(Files.readString(out.resolve("utf8/golden.csv")));
        assertThat(Files.readString(out.resolve("gbk/rejects.csv")))
                .isEqualTo(Files.readString(out.resolve("utf8/rejects.csv")));
    }

    @Test
    void aPairInTheReviewBandIsWrittenWithItsFieldLevels() throws IOException {
        // a realistic population, so that term frequencies are those of a real export and not of 17 rows
        Path input = out.resolve("with-background.csv");
        SyntheticCsv.write(input, 4_000, 5, "bg-");
        List<String> sample = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
        // the generated file has one more column, the ground truth, which the mapping ignores
        Files.write(input, sample.subList(1, 15).stream().map(line -> line + ",").toList(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        DryRunCommand.main(new String[] {"--input", input.toString(), "--out", out.resolve("o").toString()});

        List<CSVRecord> reviews = read(out.resolve("o/reviews.csv"));
        CSVRecord pair = reviews.stream().filter(r -> r.get("left_record_id").equals("E-1")).findFirst().orElseThrow();
        assertThat(pair.get("right_record_id")).isEqualTo("E-2");
        // a rare name, another room on the same road and the company's role mailbox: two fields agree
        // (thresholds.review-min-fields), the name alone would not be reviewed
        assertThat(pair.get("name_level")).isEqualTo("EXACT");
        assertThat(pair.get("address_level")).isEqualTo("SAME_ROAD");
        assertThat(pair.get("email_level")).isEqualTo("SHARED");
        assertThat(Double.parseDouble(pair.get("score"))).isBetween(8.0, 14.0);
    }

    @Test
    void aRecordMatchingTwoGoldenCustomersOfEarlierPagesMergesThem() throws IOException {
        // one record per page, as a backfill with page size 1 applies them: the third finds the first by its tax id and
        // the second by its e-mail, so the store's engine merges their golden customers (the oldest keeps its id)
        dryRun("b", 1,
                "M-1,C,上海华信科技有限公司,,021-5888 1234,,,,CN,上海市,上海市,浦东新区世纪大道100号,91310115MA1K3XB20C",
                "M-2,C,北京远景贸易有限公司,,010-6552 0001,,li.na@yuanjing.cn,,CN,北京市,北京市,朝阳区建国路88号,",
                "M-3,C,上海华信科技有限公司,,,,li.na@yuanjing.cn,,CN,上海市,上海市,浦东新区世纪大道100号,91310115MA1K3XB20C");

        List<CSVRecord> golden = read(out.resolve("b/golden.csv"));
        assertThat(golden).extracting(r -> r.get("golden_id")).containsOnly(golden.get(0).get("golden_id"));
        assertThat(golden).extracting(r -> r.get("cluster_size")).containsOnly("3");
        assertThat(column(golden, "rule")).containsEntry("M-1", "new").containsEntry("M-2", "new")
                .containsEntry("M-3", "same-tax-id");
        assertThat(column(golden, "via_record_id")).containsEntry("M-3", "M-1");
    }

    @Test
    void aRecordKeyOnASecondLineIsRejectedAndTheFirstKept() throws IOException {
        dryRun("t", 2,
                "K-1,P,张伟,,,13800138000,,,CN,上海市,上海市,浦东新区世纪大道100号,",
                "K-2,P,王芳,,,13900139000,,,CN,北京市,北京市,朝阳区建国路1号,",
                "K-1,P,张伟,,,13800138001,,,CN,上海市,上海市,浦东新区世纪大道100号,");

        assertThat(read(out.resolve("t/golden.csv"))).extracting(r -> r.get("record_id")).containsExactly("K-1", "K-2");
        List<CSVRecord> rejects = read(out.resolve("t/rejects.csv"));
        assertThat(rejects).extracting(r -> r.get("line")).containsExactly("4");
        assertThat(rejects.get(0).get("reason")).isEqualTo("the record key of an earlier line again (K-1)");
        assertThat(Files.readString(out.resolve("t/rejects.csv"))).doesNotContain("13800138001");
    }

    @Test
    void aPageSizeOutsideTheBackfillsBoundsIsRefusedWithItsReason() {
        assertThatThrownBy(() -> DryRunCommand.main(new String[] {"--input", SAMPLE.toString(), "--out",
                out.toString(), "--page-size", "0"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--page-size must be 1 to 10000, got 0");
        assertThat(out.resolve("golden.csv")).doesNotExist();
    }

    /** The dry-run command over {@code rows} under the sample's header, in pages of {@code pageSize}, into out/name. */
    private void dryRun(String name, int pageSize, String... rows) throws IOException {
        Path input = out.resolve(name + ".csv");
        Files.writeString(input, HEADER + "\n" + String.join("\n", rows), StandardCharsets.UTF_8);
        DryRunCommand.main(new String[] {"--input", input.toString(), "--out", out.resolve(name).toString(),
                "--page-size", String.valueOf(pageSize)});
    }

    private static final String HEADER = "id,kind,name,contact,phone,mobile,email,email2,country,province,city,address,"
            + "tax_id";

    private static List<CSVRecord> read(Path file) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8)).getRecords();
    }

    private static Map<String, String> column(List<CSVRecord> rows, String name) {
        Map<String, String> values = new HashMap<>();
        rows.forEach(r -> values.put(r.get(0), r.get(name)));
        return values;
    }
}
