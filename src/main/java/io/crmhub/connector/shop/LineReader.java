package io.crmhub.connector.shop;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads a file line by line with line numbers, keeping at most one line in memory. Unlike
 * {@link java.io.BufferedReader#readLine()} it says whether the last line had a line end (a missing one
 * often means a truncated upload) and it caps the line length, so a file without line ends cannot fill the heap.
 * Line ends: {@code \n}, {@code \r\n} and {@code \r}.
 */
public final class LineReader implements Closeable {

    private final Reader in;
    private final int maxLength;
    private final char[] buf = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int len;
    private long number;
    private boolean skipLf;

    public LineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or null at the end of the file. */
    public TextLine next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (fill()) {
            char c = buf[pos++];
            if (skipLf) {
                skipLf = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                skipLf = c == '\r';
                return new TextLine(++number, line.toString(), true, tooLong);
            }
            if (line.length() < maxLength) {
                line.append(c);
            } else {
                tooLong = true;
            }
        }
        return any ? new TextLine(++number, line.toString(), false, tooLong) : null;
    }

    private boolean fill() throws IOException {
        if (pos < len) {
            return true;
        }
        len = in.read(buf, 0, buf.length);
        pos = 0;
        return len > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
