package io.crmhub.connector.oa;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * An OA page holding a character XML 1.0 cannot carry (a C0 control: U+0000–U+001F but tab, LF, CR) could not be
 * parsed at all, so the whole page failed and was fetched again for ever. This inbound interceptor of the OA client
 * rewrites such characters of a UTF-8 reply before the parser sees them, into marks the parser accepts;
 * {@link OaChangeConverter} then refuses the one item holding a mark (dead letter with a specific reason) and the page,
 * and the feed, go on:
 * <ul>
 * <li>a raw C0 byte becomes U+FFFD. In UTF-8 (and ASCII) a C0 byte is always a character of its own, never part of
 * another one;</li>
 * <li>a character reference to one ({@code &#1;}, {@code &#x1F;}: illegal in XML 1.0 too, as some servers' writers
 * still produce them) becomes the noncharacter U+FDD0 + its code point (U+FDD0–U+FDEF: 32 noncharacters for the 32
 * C0 controls, never interchanged text), so the reason can name the reference.</li>
 * </ul>
 * References are recognised in the byte stream wherever they stand; inside a CDATA section {@code &#1;} is plain text,
 * and an item carrying it there would be refused as well (SOAP stacks do not write CDATA). Replies in another charset
 * are left as they are.
 */
final class XmlIllegalCharacters extends AbstractPhaseInterceptor<Message> {

    static final char REPLACEMENT = '\uFFFD';
    /** U+FDD0 + c marks the character reference to the C0 control c. */
    static final char REFERENCE_MARKS = '\uFDD0';
    private static final byte[] REPLACEMENT_UTF8 = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    XmlIllegalCharacters() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in != null && utf8(message)) {
            message.setContent(InputStream.class, new Replacing(in));
        }
    }

    private static boolean utf8(Message message) {
        Object type = message.get(Message.CONTENT_TYPE);
        if (type == null) {
            Object headers = message.get(Message.PROTOCOL_HEADERS);
            type = headers instanceof Map<?, ?> h ? h.get("Content-Type") : null;
        }
        String t = type == null ? "" : type.toString().toLowerCase(Locale.ROOT);
        int at = t.indexOf("charset=");
        if (at < 0) {
            return true; // XML's default encoding
        }
        String charset = t.substring(at + "charset=".length()).replace("\"", "").strip();
        return charset.startsWith("utf-8") || charset.startsWith("utf8") || charset.startsWith("us-ascii");
    }

    static boolean illegal(int b) {
        return b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r';
    }

    /** The C0 control a character of a parsed value marks as written by reference, or -1. */
    static int referenced(char c) {
        return c >= REFERENCE_MARKS && c < REFERENCE_MARKS + 0x20 ? c - REFERENCE_MARKS : -1;
    }

    /**
     * The stream with every XML-illegal C0 byte replaced by U+FFFD's three UTF-8 bytes and every character reference
     * to a C0 control by its mark's.
     */
    static final class Replacing extends FilterInputStream {

        private final byte[] queue = new byte[16]; // bytes read ahead or replaced, still to hand out
        private int next;
        private int queued;

        Replacing(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (next < queued) {
                return queue[next++] & 0xFF;
            }
            next = 0;
            queued = 0;
            int b = super.read();
            if (b == '&') {
                lookAhead();
            } else if (illegal(b)) {
                enqueue(REPLACEMENT_UTF8);
            } else {
                return b;
            }
            return queue[next++] & 0xFF;
        }

        /** After '&': {@code &#N;} or {@code &#xH;} naming a C0 control becomes its mark; anything else passes. */
        private void lookAhead() throws IOException {
            queue[queued++] = '&';
            int c = super.read();
            if (c != '#') {
                passOn(c);
                return;
            }
            queue[queued++] = '#';
            c = super.read();
            int radix = 10;
            if (c == 'x') {
                radix = 16;
                queue[queued++] = 'x';
                c = super.read();
            }
            int value = 0;
            int digits = 0;
            for (int d = digit(c, radix); d >= 0 && digits < 8; d = digit(c, radix)) {
                value = value * radix + d;
                queue[queued++] = (byte) c;
                digits++;
                c = super.read();
            }
            if (c == ';' && digits > 0 && illegal(value)) {
                queued = 0;
                enqueue(new byte[] {(byte) 0xEF, (byte) 0xB7, (byte) (0x90 + value)}); // UTF-8 of U+FDD0 + value
                return;
            }
            passOn(c);
        }

        private void passOn(int c) {
            if (illegal(c)) {
                enqueue(REPLACEMENT_UTF8);
            } else if (c >= 0) {
                queue[queued++] = (byte) c;
            }
        }

        private void enqueue(byte[] bytes) {
            System.arraycopy(bytes, 0, queue, queued, bytes.length);
            queued += bytes.length;
        }

        private static int digit(int c, int radix) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (radix == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return Character.toLowerCase(c) - 'a' + 10;
            }
            return -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n = 0;
            while (n < length) {
                if (n > 0 && next >= queued && super.available() <= 0) {
                    break; // hand out what is there rather than block for more
                }
                int b = read();
                if (b < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
