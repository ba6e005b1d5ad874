package io.crmhub.connector.shop;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat CSV export with a header row (a legacy system's export for a migration), read exactly like the shop's
 * files: the encoding detected ({@link EncodingDetector}: UTF-8, with or without BOM, or GB18030), one record per
 * line (RFC 4180 quoting, no line break inside a field), at most one line in memory ({@link LineReader}), and a line
 * that cannot be a row — too long, not valid text in the file's encoding, another number of columns than the
 * header — written to the rejects file ({@code line,reason,raw_line}, {@link RejectsWriter}) while the others go on.
 * A row a mapping refuses is rejected the same way by the caller ({@link #reject}). Columns are found by header
 * name; an empty value is null.
 */
public final class CsvExportFile implements Closeable {

    /**
     * One line of the file after the header: a row (values by column name) or, when {@code rejected} is set, a line
     * already written to the rejects file with that reason.
     */
    public record Row(long line, Map<String, Object> values, TextLine text, String rejected) {}

    private final LineReader reader;
    private final List<String> header;
    private final RejectsWriter rejects;
    private final String encoding;

    private CsvExportFile(LineReader reader, List<String> header, RejectsWriter rejects, String encoding) {
        this.reader = reader;
        this.header = header;
        this.rejects = rejects;
        this.encoding = encoding;
    }

    /**
     * Opens the file and reads its header row.
     *
     * @param rejectsFile where rejected lines go (created at the first one), or null to only count them
     * @throws UnreadableShopFileException when the file has no header row
     */
    public static CsvExportFile open(Path file, FileFacts facts, int maxLineLength, Path rejectsFile)
            throws IOException {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(facts.bomLength());
        // undecodable bytes become U+FFFD, which rejects just that line instead of failing the whole file
        LineReader reader = new LineReader(new InputStreamReader(in, facts.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                maxLineLength);
        try {
            TextLine first = reader.next();
            while (first != null && first.text().isBlank()) {
                first = reader.next();
            }
            if (first == null) {
                throw new UnreadableShopFileException("empty file: no header row");
            }
            List<String> header;
            try {
                header = OrderRows.fields(first.text().replace("\uFEFF", "")).stream().map(String::strip).toList();
            } catch (RowRejectedException e) {
                throw new UnreadableShopFileException("header row: " + e.getMessage());
            }
            return new CsvExportFile(reader, header, new RejectsWriter(rejectsFile), facts.charset().name());
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public List<String> header() {
        return header;
    }

    /** The next non-blank line as a row or as a rejected line, or null at the end of the file. */
    public Row next() throws IOException {
        TextLine line = reader.next();
        while (line != null && line.text().isBlank()) {
            line = reader.next();
        }
        if (line == null) {
            return null;
        }
        try {
            return new Row(line.number(), values(line), line, null);
        } catch (RowRejectedException e) {
            return new Row(line.number(), null, line, reject(line, e.getMessage()));
        }
    }

    /** Rejects a row (the mapping refused it): the rejects file gets its line, the reason and the raw line. */
    public String reject(Row row, String reason) throws IOException {
        return reject(row.text(), reason);
    }

    private String reject(TextLine line, String why) throws IOException {
        String reason = line.terminated() ? why : "truncated last line (no line end): " + why;
        rejects.reject(line, reason);
        return reason;
    }

    private Map<String, Object> values(TextLine line) throws RowRejectedException {
        if (line.tooLong()) {
            throw new RowRejectedException("line longer than " + line.text().length() + " characters");
        }
        if (line.text().indexOf('\uFFFD') >= 0) {
            throw new RowRejectedException("not valid " + encoding + " text");
        }
        List<String> fields = OrderRows.fields(line.text());
        if (fields.size() != header.size()) {
            throw new RowRejectedException("expected " + header.size() + " columns, found " + fields.size());
        }
        Map<String, Object> row = new HashMap<>(header.size() * 2);
        for (int i = 0; i < fields.size(); i++) {
            row.put(header.get(i), fields.get(i).isEmpty() ? null : fields.get(i));
        }
        return row;
    }

    /** Lines rejected so far. */
    public long rejected() {
        return rejects.count();
    }

    @Override
    public void close() throws IOException {
        try (reader) {
            rejects.close();
        }
    }
}
