package io.crmhub.connector.shop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Decides a file's encoding and content hash in one streamed pass: a UTF-8 byte-order mark means UTF-8;
 * otherwise the whole file is decoded as strict UTF-8, counting the non-ASCII characters it decodes and the
 * runs of invalid byte sequences it meets. No invalid sequence, or a few among many valid non-ASCII characters (a
 * UTF-8 export with one damaged byte: only the line holding it is rejected, by its U+FFFD), means UTF-8;
 * otherwise it is read as GB18030 (a superset of GBK and GB2312, which Chinese shop exports use). GBK text
 * decoded as UTF-8 meets an invalid sequence at most of its characters and forms a valid one at about one in
 * six, while ASCII is both, so this rule cannot misread either. (Before, the first invalid byte sent the
 * whole file to GB18030: one damaged byte garbled every Chinese name of a UTF-8 file.)
 */
public final class EncodingDetector {

    public static final Charset GB18030 = Charset.forName("GB18030");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Valid non-ASCII characters needed per run of invalid sequences to keep a file UTF-8. */
    static final int VALID_PER_INVALID = 50;

    private EncodingDetector() {}

    public static FileFacts detect(Path file) throws IOException {
        MessageDigest sha = sha256();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        long[] counts = new long[3]; // non-ASCII characters decoded, runs of invalid sequences met, in a run
        long size = 0;
        byte[] head = new byte[3];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(bytes.array(), bytes.position(), bytes.remaining())) > 0) {
                sha.update(bytes.array(), bytes.position(), n);
                if (size < 3) {
                    System.arraycopy(bytes.array(), bytes.position(), head, (int) size, (int) Math.min(n, 3 - size));
                }
                size += n;
                bytes.position(bytes.position() + n).flip();
                decode(utf8, bytes, chars, counts);
                bytes.compact();
            }
        }
        boolean bom = size >= 3 && head[0] == UTF8_BOM[0] && head[1] == UTF8_BOM[1] && head[2] == UTF8_BOM[2];
        boolean utf8Text = counts[1] == 0 || counts[0] >= VALID_PER_INVALID * counts[1];
        Charset charset = bom || utf8Text ? StandardCharsets.UTF_8 : GB18030;
        return new FileFacts(HexFormat.of().formatHex(sha.digest()), size, charset, bom ? 3 : 0);
    }

    /**
     * Decodes what the buffer holds, counting non-ASCII characters and skipping (and counting) invalid sequences.
     * An incomplete sequence at a buffer edge waits for more bytes; one at the very end of the file is a truncated
     * last line (rejected as a row), not evidence of another encoding.
     */
    private static void decode(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, long[] counts) {
        while (true) {
            chars.clear();
            CoderResult r = decoder.decode(bytes, chars, false);
            chars.flip();
            for (int i = 0; i < chars.limit(); i++) {
                if (chars.get(i) > 0x7F) {
                    counts[0]++;
                }
            }
            if (chars.limit() > 0) {
                counts[2] = 0;
            }
            if (r.isError()) {
                // one damaged byte leaves up to three invalid sequences in a row (a lead byte's orphaned
                // continuation bytes): the run counts once
                counts[1] += counts[2] == 0 ? 1 : 0;
                counts[2] = 1;
                bytes.position(bytes.position() + r.length());
            } else if (r.isUnderflow()) {
                return;
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
