package io.crmhub.connector.oa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlIllegalCharactersTest {

    private static String filtered(String xml) throws IOException {
        try (XmlIllegalCharacters.Replacing in = new XmlIllegalCharacters.Replacing(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void c0ControlsBecomeUfffdTabNewlineReturnAndMultiByteCharactersStay() throws IOException {
        assertThat(filtered("<s>李\u0001娜\u0000</s>")).isEqualTo("<s>李\uFFFD娜\uFFFD</s>");
        assertThat(filtered("<s>a\tb\nc\rd 😀</s>")).isEqualTo("<s>a\tb\nc\rd 😀</s>");
        assertThat(filtered("\u001f")).isEqualTo("\uFFFD");
    }

    @Test
    void singleByteReadsGiveTheSameBytes() throws IOException {
        byte[] source = "x\u0002y".getBytes(StandardCharsets.UTF_8);
        try (XmlIllegalCharacters.Replacing in = new XmlIllegalCharacters.Replacing(new ByteArrayInputStream(source))) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                out.write(b);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x\uFFFDy");
        }
    }

    @Test
    void characterReferencesToC0ControlsBecomeTheirMarksAndEveryOtherReferenceStays() throws IOException {
        assertThat(filtered("<s>Lid&#1;cracked &#x1f;&#X1;&#0;&#31;</s>"))
                .isEqualTo("<s>Lid\uFDD1cracked \uFDEF&#X1;\uFDD0\uFDEF</s>");
        // legal references, escaped text, entities and broken references pass as they are
        assertThat(filtered("&#9;&#10;&#13;&#32;&#x4E2D;&amp;#1;&lt;&#1&#;&#x;"))
                .isEqualTo("&#9;&#10;&#13;&#32;&#x4E2D;&amp;#1;&lt;&#1&#;&#x;");
        assertThat(filtered("a&#\u0001;&")).isEqualTo("a&#\uFFFD;&");
        assertThat(XmlIllegalCharacters.referenced(filtered("&#2;").charAt(0))).isEqualTo(2);
        assertThat(XmlIllegalCharacters.referenced('A')).isEqualTo(-1);
    }

    @Test
    void aReferenceSplitAcrossReadsIsStillFound() throws IOException {
        byte[] source = "<s>x&#x01;y</s>".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream trickle = new java.io.InputStream() {
            private int at;

            @Override
            public int read() {
                return at < source.length ? source[at++] & 0xFF : -1;
            }

            @Override
            public int available() {
                return 0; // nothing more "arrived" yet: every read(byte[]) hands out what it has
            }
        };
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (XmlIllegalCharacters.Replacing in = new XmlIllegalCharacters.Replacing(trickle)) {
            byte[] buffer = new byte[2];
            for (int n = in.read(buffer, 0, 2); n >= 0; n = in.read(buffer, 0, 2)) {
                out.write(buffer, 0, n);
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<s>x\uFDD1y</s>");
    }

    @Test
    void theDeadLetterReasonNamesFieldAndReferenceButNotTheValue() {
        assertThat(OaChangeConverter.xmlIllegal(java.util.Map.of("subject", "Lid\uFDD1cracked")))
                .isEqualTo("field subject held the character reference &#1; (U+0001, a C0 control character), which "
                        + "XML 1.0 allows neither raw nor as a reference");
        assertThat(OaChangeConverter.xmlIllegal(java.util.Map.of("subject", "Lid\uFFFDcracked")))
                .contains("field subject", "replaced by U+FFFD").doesNotContain("cracked");
        assertThat(OaChangeConverter.xmlIllegal(java.util.Map.of("subject", "Lid cracked"))).isNull();
    }
}
