package io.crmhub.identity.dryrun;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.shop.EncodingDetector;
import io.crmhub.connector.shop.FileFacts;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.mapping.MappingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV export with a header row (encoding detected like a shop file's or a file backfill's: UTF-8, with or
 * without BOM, or GB18030) through a customer mapping: each row becomes a {@link SourceChange}
 * (key and position = its line number) and is mapped by the same {@link MappingEngine} as the hub. A row the
 * mapping rejects is reported with its reason, which the engine has already masked where it is personal data.
 */
final class CsvCustomers {

    /**
     * Receives every row, in file order: a mapped customer (as {@link #prepare} made it, which runs on any core), or
     * the reason it was rejected.
     */
    interface Sink<T> {
        /** @param line the row's line number, @param customer the row mapped */
        T prepare(long line, Customer customer);

        void accepted(long line, T customer);

        void rejected(long line, String field, String reason);
    }

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(false).get();

    private final MappingEngine mappings;
    private final String system;
    private final String entity;

    CsvCustomers(MappingEngine mappings) {
        if (mappings.sources().size() != 1) {
            throw new IllegalArgumentException("the dry run needs exactly one mapping file, found "
                    + mappings.sources());
        }
        String[] source = mappings.sources().get(0).split("/", 2);
        this.mappings = mappings;
        this.system = source[0];
        this.entity = source[1];
    }

    String system() {
        return system;
    }

    String entity() {
        return entity;
    }

    <T> void read(Path csv, Sink<T> sink) throws IOException {
        Instant now = Instant.now();
        // the encoding as the backfill of the same file detects it (UTF-8, with or without BOM, or GB18030)
        FileFacts facts = EncodingDetector.detect(csv);
        InputStream bytes = Files.newInputStream(csv);
        bytes.skipNBytes(facts.bomLength());
        try (Reader in = new BufferedReader(new InputStreamReader(bytes, facts.charset()), 1 << 16);
             CSVParser parser = FORMAT.parse(in)) {
            List<String> header = parser.getHeaderNames();
            List<Row> chunk = new ArrayList<>(CHUNK);
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                if (!row.isConsistent()) {
                    chunk.add(new Row(line, null, null, "has " + row.size() + " columns, the header has "
                            + header.size()));
                } else {
                    chunk.add(new Row(line, header, row.values(), null));
                }
                if (chunk.size() == CHUNK) {
                    emit(chunk, now, sink);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            emit(chunk, now, sink);
        }
    }

    /** A row as read: its values in the header's order, or why it cannot be mapped. */
    private record Row(long line, List<String> header, String[] values, String inconsistent) {

        /** The values by column name, made on the mapping's thread, not the reader's. */
        Map<String, Object> byColumn() {
            Map<String, Object> byColumn = new HashMap<>(values.length * 2);
            for (int i = 0; i < values.length; i++) {
                byColumn.put(header.get(i), values[i]);
            }
            return byColumn;
        }
    }

    /** What mapping a row gave: the customer, or the field and reason it was rejected for. */
    private record Mapped<T>(long line, T customer, String field, String reason) {}

    /**
     * Rows read in chunks and mapped on every core; the sink still receives them one by one, in file order. A chunk
     * is alive until its last row is handed on: a smaller one would split worse, a larger one is copied by more young
     * collections.
     */
    private static final int CHUNK = 2048;

    private <T> void emit(List<Row> chunk, Instant now, Sink<T> sink) {
        List<Mapped<T>> mapped = chunk.parallelStream().map(row -> row.values() == null
                ? new Mapped<T>(row.line(), null, "row", row.inconsistent()) : map(row, now, sink)).toList();
        for (Mapped<T> m : mapped) {
            if (m.customer() != null) {
                sink.accepted(m.line(), m.customer());
            } else {
                sink.rejected(m.line(), m.field(), m.reason());
            }
        }
    }

    private <T> Mapped<T> map(Row row, Instant now, Sink<T> sink) {
        long line = row.line();
        Map<String, Object> values = row.byColumn();
        SourceChange change = new SourceChange(system, entity, ChangeOp.CREATE, String.valueOf(line),
                "line " + line, line, now, values);
        try {
            // the customer as mapped, without an event: nothing reads a payload here
            return new Mapped<>(line, sink.prepare(line, (Customer) mappings.mapRecord(change)), null, null);
        } catch (MappingException e) {
            return new Mapped<>(line, null, e.field(), e.reason());
        }
    }
}
