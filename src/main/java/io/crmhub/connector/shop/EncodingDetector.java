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
 * otherwise the whole file is decoded as strict UTF-8 and, at the first invalid byte sequence, it is read
 * as GB18030 (a superset of GBK and GB2312, which Chinese shop exports use). GBK text is almost never
 * valid UTF-8, while ASCII is both, so this order cannot misread either.
 */
public final class EncodingDetector {

    public static final Charset GB18030 = Charset.forName("GB18030");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private EncodingDetector() {}

    public static FileFacts detect(Path file) throws IOException {
        MessageDigest sha = sha256();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        boolean validUtf8 = true;
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
                validUtf8 = validUtf8 && decode(utf8, bytes, chars);
                bytes.compact();
                if (!validUtf8) {
                    bytes.clear();
                }
            }
        }
        boolean bom = size >= 3 && head[0] == UTF8_BOM[0] && head[1] == UTF8_BOM[1] && head[2] == UTF8_BOM[2];
        Charset charset = bom || validUtf8 ? StandardCharsets.UTF_8 : GB18030;
        return new FileFacts(HexFormat.of().formatHex(sha.digest()), size, charset, bom ? 3 : 0);
    }

    /**
     * False at the first invalid sequence. An incomplete sequence at a buffer edge waits for more bytes; one
     * at the very end of the file is a truncated last line (rejected as a row), not a reason to read the
     * whole file as GB18030.
     */
    private static boolean decode(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars) {
        while (true) {
            chars.clear();
            CoderResult r = decoder.decode(bytes, chars, false);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                return true;
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
