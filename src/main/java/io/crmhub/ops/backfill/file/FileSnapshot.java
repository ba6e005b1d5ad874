package io.crmhub.ops.backfill.file;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.shop.CsvExportFile;
import io.crmhub.connector.shop.FileFacts;
import io.crmhub.connector.shop.LineReader;
import io.crmhub.connector.shop.TextLine;
import io.crmhub.connector.shop.UnreadableShopFileException;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.mapping.MappingException;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one export file, in line order, each mapped as it is read (a row the mapping refuses goes to the
 * rejects file, as in a shop file, and is counted, not applied). The cursor is the number of the last line handled;
 * a resumed read validates the lines before it again only to write the complete rejects file, and applies none of
 * them.
 */
final class FileSnapshot implements SourceSnapshot {

    private final Path file;
    private final FileFacts facts;
    private final MappingEngine mappings;
    private final String system;
    private final String entity;
    private final long base;
    private final Instant exportedAt;
    private final Path rejectsFile;
    private final int maxLineLength;
    private final String name;
    private CsvExportFile csv;
    private CsvExportFile.Row pending;
    private String lastCursor;

    FileSnapshot(Path file, FileFacts facts, MappingEngine mappings, String system, String entity, long base,
                 Instant exportedAt, Path rejectsFile, int maxLineLength) {
        this.file = file;
        this.facts = facts;
        this.mappings = mappings;
        this.system = system;
        this.entity = entity;
        this.base = base;
        this.exportedAt = exportedAt;
        this.rejectsFile = rejectsFile;
        this.maxLineLength = maxLineLength;
        this.name = file.getFileName().toString();
    }

    /** The base of the records' sequences: export second × 10⁹ (a record's is base + its line). */
    @Override
    public long sequence() {
        return base;
    }

    @Override
    public String fingerprint() {
        return "sha256:" + facts.sha256();
    }

    /** Non-blank lines after the header, rejected ones included: what progress counts. */
    @Override
    public long count() {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(facts.bomLength());
            LineReader lines = new LineReader(new InputStreamReader(in, facts.charset()), maxLineLength);
            long n = 0;
            boolean header = true;
            for (TextLine line = lines.next(); line != null; line = lines.next()) {
                if (!line.text().isBlank()) {
                    if (header) {
                        header = false;
                    } else {
                        n++;
                    }
                }
            }
            return n;
        } catch (IOException e) {
            throw new BackfillException("file: cannot read " + name + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public Page next(String cursor, int limit) {
        try {
            if (csv == null || !Objects.equals(cursor, lastCursor)) {
                seek(cursor);
            }
            List<SourceChange> changes = new ArrayList<>(limit);
            List<CanonicalEvent> events = new ArrayList<>(limit);
            int rejected = 0;
            String at = cursor;
            Instant now = Instant.now();
            while (changes.size() + rejected < limit) {
                CsvExportFile.Row row = nextRow();
                if (row == null) {
                    break;
                }
                at = String.valueOf(row.line());
                if (row.rejected() != null || !map(row, now, changes, events)) {
                    rejected++;
                }
            }
            lastCursor = at;
            return new Page(changes, at, List.of(), events, rejected);
        } catch (IOException e) {
            throw new BackfillException("file: cannot read " + name + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public boolean inRange(String key) {
        return true;
    }

    @Override
    public void close() {
        closeCsv();
    }

    /** Opens the file again and handles every line up to the cursor (their rejects only). */
    private void seek(String cursor) throws IOException {
        closeCsv();
        try {
            csv = CsvExportFile.open(file, facts, maxLineLength, rejectsFile);
        } catch (UnreadableShopFileException e) {
            throw new BackfillException("file: " + name + ": " + e.getMessage(), e);
        }
        lastCursor = cursor;
        if (cursor == null) {
            return;
        }
        long upTo = Long.parseLong(cursor);
        Instant now = Instant.now();
        List<SourceChange> ignored = new ArrayList<>(1);
        List<CanonicalEvent> ignoredEvents = new ArrayList<>(1);
        for (CsvExportFile.Row row = nextRow(); row != null; row = nextRow()) {
            if (row.line() > upTo) {
                pending = row; // the first line past the cursor: the next page starts with it
                return;
            }
            if (row.rejected() == null) {
                map(row, now, ignored, ignoredEvents);
                ignored.clear();
                ignoredEvents.clear();
            }
        }
    }

    private CsvExportFile.Row nextRow() throws IOException {
        CsvExportFile.Row row = pending;
        pending = null;
        return row != null ? row : csv.next();
    }

    /** Maps a row into the page; false when the mapping refused it (then it is in the rejects file). */
    private boolean map(CsvExportFile.Row row, Instant now, List<SourceChange> changes, List<CanonicalEvent> events)
            throws IOException {
        long line = row.line();
        SourceChange change = new SourceChange(system, entity, ChangeOp.READ, "line-" + line, name + "#" + line,
                base + line, exportedAt, row.values());
        CanonicalEvent event;
        try {
            event = mappings.map(change, now);
        } catch (MappingException e) {
            csv.reject(row, e.getMessage());
            return false;
        }
        String key = FileBackfillSource.recordKey(event, line);
        if (!key.equals(change.key())) {
            change = new SourceChange(system, entity, ChangeOp.READ, key, change.position(), change.sequence(),
                    exportedAt, row.values());
            SourceRef ref = change.sourceRef();
            event = new CanonicalEvent(CanonicalEvent.eventIdFor(ref, change.op()), event.type(),
                    event.schemaVersion(), event.entity(), event.op(), ref, event.mappingVersion(), event.occurredAt(),
                    event.ingestedAt(), event.payload(), event.issues());
        }
        changes.add(change);
        events.add(event);
        return true;
    }

    private void closeCsv() {
        pending = null;
        if (csv != null) {
            try {
                csv.close();
            } catch (IOException e) {
                throw new UncheckedIOException("file: cannot close " + name + " (rejects not written?)", e);
            }
            csv = null;
        }
    }
}
