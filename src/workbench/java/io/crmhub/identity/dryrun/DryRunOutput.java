package io.crmhub.identity.dryrun;

import io.crmhub.identity.match.FieldComparison;
import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.resolve.MemoryResolution;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The dry run's result files: {@code golden.csv} (record id → golden id, with cluster size and the link that put
 * the record there) and {@code reviews.csv} (pairs in the review band with score and per-field levels). A golden id
 * is the name-based UUID of the golden customer's first record (the store's are random), so two dry runs of one
 * export can be compared line for line. Record ids only: no names, phones or addresses are copied out.
 */
final class DryRunOutput {

    static final String GOLDEN = "golden.csv";
    static final String REVIEWS = "reviews.csv";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT;

    private final String system;
    private final String entity;

    DryRunOutput(String system, String entity) {
        this.system = system;
        this.entity = entity;
    }

    /** golden.csv, written one record at a time (formatted a chunk at a time on every core). */
    Golden golden(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(line(new Object[] {"record_id", "golden_id", "cluster_size", "rule", "score", "via_record_id"}));
        return new Golden(out);
    }

    final class Golden implements java.io.Closeable {
        /** Placements formatted together: a golden id is a name UUID (an MD5) per record, most of the cost. */
        private static final int CHUNK = 8_192;
        private final BufferedWriter out;
        private List<MemoryResolution.Placement> chunk = new ArrayList<>(CHUNK);

        private Golden(BufferedWriter out) {
            this.out = out;
        }

        void write(MemoryResolution.Placement p) {
            chunk.add(p);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        private void flush() {
            List<String> lines = chunk.parallelStream().map(p -> line(p.ref().key(),
                    goldenId(p.first().key()).toString(), Integer.toString(p.size()), p.rule(),
                    p.via() == null ? "" : score(p.score()), p.via() == null ? "" : p.via().key())).toList();
            chunk = new ArrayList<>(CHUNK);
            try {
                for (String l : lines) {
                    out.write(l);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + GOLDEN, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                out.close();
            }
        }
    }

    /** One CSV line as {@link #printer}'s format writes it, record separator included. */
    private static String line(Object[] values) {
        return FORMAT.format(values) + FORMAT.getRecordSeparator();
    }

    /**
     * As {@link #line(Object[])}: values that the format writes as they are (record ids, golden ids, sizes, rules,
     * scores) are joined here, a line with any other value goes through the format. A million lines are written
     * after the last page is resolved, while nothing else runs.
     */
    static String line(String... values) {
        StringBuilder b = new StringBuilder(96);
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == null ? "" : values[i];
            if (!writtenAsIs(v, i == 0)) {
                return line((Object[]) values);
            }
            if (i > 0) {
                b.append(FORMAT.getDelimiterString());
            }
            b.append(v);
        }
        return b.append(FORMAT.getRecordSeparator()).toString();
    }

    /**
     * Whether the format's minimal quoting leaves a value as it is: empty anywhere but first on the line; else
     * starting above {@code #}, ending above a space, and all of it letters, digits, {@code .}, {@code _},
     * {@code -}, {@code :} (commons-csv quotes more than that, never less).
     */
    static boolean writtenAsIs(String v, boolean first) {
        if (v.isEmpty()) {
            return !first;
        }
        if (v.charAt(0) <= '#') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    void reviews(Path file, List<MemoryResolution.Review> pairs) throws IOException {
        try (CSVPrinter out = printer(file, "left_record_id", "right_record_id", "score", "name_level",
                "name_weight", "phone_level", "phone_weight", "email_level", "email_weight", "address_level",
                "address_weight", "rules_version")) {
            for (MemoryResolution.Review p : pairs) {
                MatchExplanation e = p.explanation();
                out.print(p.left().key());
                out.print(p.right().key());
                out.print(score(e.score()));
                for (FieldComparison c : e.comparisons()) {
                    out.print(c.level().name());
                    out.print(score(c.weight()));
                }
                out.print(e.rulesVersion());
                out.println();
            }
        }
    }

    static CSVPrinter printer(Path file, String... header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, FORMAT.builder().setHeader(header).get());
    }

    UUID goldenId(String firstMemberId) {
        return UUID.nameUUIDFromBytes((system + ":" + entity + ":" + firstMemberId).getBytes(StandardCharsets.UTF_8));
    }

    private static String score(Double s) {
        return BigDecimal.valueOf(s).setScale(2, RoundingMode.HALF_UP).toPlainString(); // as %.2f, a tenth of the cost
    }
}
