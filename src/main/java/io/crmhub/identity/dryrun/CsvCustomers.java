package io.crmhub.identity.dryrun;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
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
import java.util.HashMap;
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

    /** Receives every row: a mapped customer, or the reason it was rejected. */
    interface Sink {
        void accepted(long line, Customer customer);

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

    void read(Path csv, Sink sink) throws IOException {
        Instant now = Instant.now();
        // the encoding as the backfill of the same file detects it (UTF-8, with or without BOM, or GB18030)
        FileFacts facts = EncodingDetector.detect(csv);
        InputStream bytes = Files.newInputStream(csv);
        bytes.skipNBytes(facts.bomLength());
        try (Reader in = new BufferedReader(new InputStreamReader(bytes, facts.charset()));
             CSVParser parser = FORMAT.parse(in)) {
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                if (!row.isConsistent()) {
                    sink.rejected(line, "row", "has " + row.size() + " columns, the header has "
                            + parser.getHeaderNames().size());
                    continue;
                }
                map(line, row, now, sink);
            }
        }
    }

    private void map(long line, CSVRecord row, Instant now, Sink sink) {
        Map<String, Object> values = new HashMap<>(row.toMap());
        SourceChange change = new SourceChange(system, entity, ChangeOp.CREATE, String.valueOf(line),
                "line " + line, line, now, values);
        try {
            CanonicalEvent event = mappings.map(change, now);
            sink.accepted(line, CanonicalJson.mapper().treeToValue(event.payload(), Customer.class));
        } catch (MappingException e) {
            sink.rejected(line, e.field(), e.reason());
        } catch (IOException e) {
            // the engine built the payload from a Customer, so reading it back cannot fail on the data
            throw new IllegalStateException("canonical customer did not read back", e);
        }
    }
}
