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
 * An OA page holding a character XML 1.0 cannot carry (a raw C0 control: U+0000–U+001F but tab, LF, CR) could not be
 * parsed at all, so the whole page failed and was fetched again for ever. This inbound interceptor of the OA client
 * replaces every such byte of a UTF-8 reply by U+FFFD before the parser sees it; {@link OaChangeConverter} then refuses
 * the one item holding U+FFFD (dead letter with a specific reason) and the page, and the feed, go on. In UTF-8 (and
 * ASCII) a C0 byte is always a character of its own, never part of another one. Replies in another charset are left as
 * they are.
 */
final class XmlIllegalCharacters extends AbstractPhaseInterceptor<Message> {

    static final char REPLACEMENT = '\uFFFD';
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

    /** The stream with every XML-illegal C0 byte replaced by U+FFFD's three UTF-8 bytes. */
    static final class Replacing extends FilterInputStream {

        private int pending; // bytes of REPLACEMENT_UTF8 still to hand out

        Replacing(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (pending > 0) {
                return REPLACEMENT_UTF8[3 - pending--] & 0xFF;
            }
            int b = super.read();
            if (illegal(b)) {
                pending = 2;
                return REPLACEMENT_UTF8[0] & 0xFF;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n = 0;
            while (n < length) {
                if (n > 0 && pending == 0 && super.available() <= 0) {
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
