package io.crmhub.identity.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, sent in chunks of about a megabyte: one round trip per chunk instead
 * of one per row. Text values are escaped (backslash, tab, newline, carriage return); null is {@code \N}.
 */
final class CopyWriter implements AutoCloseable {

    private static final int CHUNK = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder row = new StringBuilder(1024);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 4096);
    private long rows;

    CopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    CopyWriter value(Object value) {
        if (row.length() > 0) {
            row.append('\t');
        }
        if (value == null) {
            row.append("\\N");
            return this;
        }
        String s = value.toString();
        if (!needsEscaping(s)) {
            row.append(s);
            return this;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    private static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    void endRow() throws SQLException {
        row.append('\n');
        buffer.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
        row.setLength(0);
        rows++;
        if (buffer.size() >= CHUNK) {
            flush();
        }
    }

    private void flush() throws SQLException {
        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
        buffer.reset();
    }

    /** Sends what is left and ends the COPY; the rows become visible at commit. */
    @Override
    public void close() throws SQLException {
        flush();
        copy.endCopy();
    }

    long rows() {
        return rows;
    }
}
