package io.crmhub.connector.shop;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code <name>.rejects.csv}: one CSV row per rejected line ({@code line,reason,raw_line}), always UTF-8
 * whatever the source file's encoding. Created only when the first row is rejected, so a clean file leaves
 * no rejects file behind. Without a file (null) rejected lines are only counted.
 */
final class RejectsWriter implements Closeable {

    static final String SUFFIX = ".rejects.csv";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader("line", "reason", "raw_line").get();

    private final Path file;
    private CSVPrinter printer;
    private long count;

    RejectsWriter(Path file) {
        this.file = file;
    }

    void reject(TextLine line, String reason) throws IOException {
        count++;
        if (file == null) {
            return;
        }
        if (printer == null) {
            Files.createDirectories(file.getParent());
            printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), FORMAT);
        }
        printer.printRecord(line.number(), reason, line.text());
    }

    long count() {
        return count;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.close(true);
            printer = null;
        }
    }
}
