package io.crmhub.connector.shop;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.SourceChange;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.mapping.MappingException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The valid changes of one file, read lazily for Camel's streaming split: only the current line is in
 * memory. Each line is validated by mapping its changes the way {@code direct:canonical-publish} will, so a
 * row the mappings would refuse (bad date, negative quantity, unknown currency) lands in the rejects file
 * with its line number instead of in the shared dead letter, and the file's other rows go on.
 */
public final class ShopFileChanges implements Iterator<SourceChange>, Closeable {

    private final LineReader reader;
    private final RowSource rows;
    private final MappingEngine mappings;
    private final RejectsWriter rejects;
    private final String encoding;
    private final ArrayDeque<SourceChange> pending = new ArrayDeque<>(2);
    private final ArrayDeque<CanonicalEvent> pendingEvents = new ArrayDeque<>(2);
    private long acceptedRows;
    private boolean eof;

    ShopFileChanges(LineReader reader, RowSource rows, MappingEngine mappings, RejectsWriter rejects, String encoding) {
        this.reader = reader;
        this.rows = rows;
        this.mappings = mappings;
        this.rejects = rejects;
        this.encoding = encoding;
    }

    @Override
    public boolean hasNext() {
        try {
            while (pending.isEmpty() && !eof) {
                TextLine line = reader.next();
                if (line == null) {
                    eof = true;
                } else if (!line.text().isBlank()) {
                    read(line);
                }
            }
            return !pending.isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SourceChange next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        pendingEvents.poll();
        return pending.poll();
    }

    /**
     * The same changes as canonical events: the mapping that validated a row is its publication's mapping, so
     * {@code canonical-publish} passes them on instead of mapping every row a second time.
     */
    public Iterator<CanonicalEvent> events() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ShopFileChanges.this.hasNext();
            }

            @Override
            public CanonicalEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                pending.poll();
                return pendingEvents.poll();
            }
        };
    }

    private void read(TextLine line) throws IOException {
        try {
            List<SourceChange> changes = rows.changes(checked(line));
            List<CanonicalEvent> events = new ArrayList<>(changes.size());
            Instant now = Instant.now();
            for (SourceChange change : changes) {
                events.add(mappings.map(change, now));
            }
            rows.accepted(changes);
            pending.addAll(changes);
            pendingEvents.addAll(events);
            acceptedRows++;
        } catch (RowRejectedException | MappingException e) {
            String reason = line.terminated() ? e.getMessage() : "truncated last line (no line end): " + e.getMessage();
            rejects.reject(line, reason);
        }
    }

    private TextLine checked(TextLine line) throws RowRejectedException {
        if (line.tooLong()) {
            throw new RowRejectedException("line longer than " + line.text().length() + " characters");
        }
        if (line.text().indexOf('\uFFFD') >= 0) {
            throw new RowRejectedException("not valid " + encoding + " text");
        }
        // tab is a column separator some exports use; no other control character belongs in a line
        int control = io.crmhub.mapping.ControlCharacters.find(line.text().replace('\t', ' '), false);
        if (control >= 0) {
            throw new RowRejectedException("the line " + io.crmhub.mapping.ControlCharacters.describe(line.text(),
                    control));
        }
        return line;
    }

    public long acceptedRows() {
        return acceptedRows;
    }

    public long rejectedRows() {
        return rejects.count();
    }

    @Override
    public void close() throws IOException {
        try (reader) {
            rejects.close();
        }
    }
}
