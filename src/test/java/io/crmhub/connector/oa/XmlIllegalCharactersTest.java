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
}
