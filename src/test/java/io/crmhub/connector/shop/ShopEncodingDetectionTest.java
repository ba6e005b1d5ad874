package io.crmhub.connector.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopEncodingDetectionTest {

    private static final String CHINESE = "order_no,product_name\nSO1,西湖龙井茶（两只装）\n";

    @TempDir
    Path dir;

    @Test
    void utf8WithoutBom() throws Exception {
        FileFacts facts = detect(CHINESE.getBytes(StandardCharsets.UTF_8));
        assertThat(facts.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(facts.bomLength()).isZero();
    }

    @Test
    void aBomMeansUtf8AndIsSkipped() throws Exception {
        byte[] body = CHINESE.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        FileFacts facts = detect(withBom);
        assertThat(facts.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(facts.bomLength()).isEqualTo(3);
        assertThat(facts.encodingName()).isEqualTo("UTF-8 (BOM)");
    }

    @Test
    void gbkIsReadAsGb18030() throws Exception {
        assertThat(detect(CHINESE.getBytes("GBK")).charset()).isEqualTo(EncodingDetector.GB18030);
    }

    @Test
    void gbkBytesLateInALargeFileStillSwitchToGb18030() throws Exception {
        byte[] ascii = "a,b\n".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
        byte[] gbk = CHINESE.getBytes("GBK");
        byte[] all = new byte[ascii.length + gbk.length];
        System.arraycopy(ascii, 0, all, 0, ascii.length);
        System.arraycopy(gbk, 0, all, ascii.length, gbk.length);
        assertThat(detect(all).charset()).isEqualTo(EncodingDetector.GB18030);
    }

    @Test
    void aUtf8CharacterCutAtTheVeryEndIsATruncatedLineNotAnotherEncoding() throws Exception {
        byte[] full = CHINESE.trim().getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
        assertThat(detect(cut).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void oneDamagedByteInAUtf8ExportKeepsItUtf8() throws Exception {
        byte[] good = ("order_no,product_name\n" + "SO1,西湖龙井茶（两只装）\n".repeat(20)).getBytes(StandardCharsets.UTF_8);
        byte[] damaged = good.clone();
        damaged[good.length / 2] = (byte) 0xFF; // never valid in UTF-8
        assertThat(detect(damaged).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void gbkWithAccidentallyValidUtf8SequencesIsStillGb18030() throws Exception {
        // many Chinese characters: some of their GBK byte pairs are valid UTF-8 by chance
        String names = "王伟李娜张敏刘洋陈静杨帆赵磊黄勇周杰吴昊徐丽孙强胡军朱琳高峰林涛何平郭亮马超罗斌";
        byte[] gbk = ("customer_no,name\n" + ("C1," + names + "\n").repeat(200)).getBytes("GBK");
        assertThat(detect(gbk).charset()).isEqualTo(EncodingDetector.GB18030);
    }

    @Test
    void hashesTheExactBytes() throws Exception {
        byte[] bytes = CHINESE.getBytes(StandardCharsets.UTF_8);
        FileFacts facts = detect(bytes);
        assertThat(facts.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(facts.size()).isEqualTo(bytes.length);
    }

    @Test
    void anEmptyFileHasSizeZero() throws Exception {
        assertThat(detect(new byte[0]).size()).isZero();
    }

    private FileFacts detect(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("f.csv"), bytes);
        return EncodingDetector.detect(file);
    }
}
