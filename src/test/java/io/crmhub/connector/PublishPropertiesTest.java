package io.crmhub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublishPropertiesTest {

    @Test
    void utf8BytesCountsAsTheEncoderDoes() {
        for (String text : new String[] {"", "abc", "é", "浦东新区", "𠀀 and 😀", "a\u0000b", "\uD800 lone surrogate"}) {
            // a lone surrogate encodes as one replacement byte '?' in getBytes; Jackson writes it as \\uD800 anyway
            int expected = text.contains("\uD800 ") ? text.getBytes(StandardCharsets.UTF_8).length + 2
                    : text.getBytes(StandardCharsets.UTF_8).length;
            assertThat(PublishProperties.utf8Bytes(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void longerThanLooksAtBytesNotCharacters() {
        assertThat(PublishProperties.longerThan("浦".repeat(400), 1_000)).isTrue();
        assertThat(PublishProperties.longerThan("浦".repeat(333), 1_000)).isFalse();
        assertThat(PublishProperties.longerThan("a".repeat(1_000), 1_000)).isFalse();
        assertThat(PublishProperties.longerThan("a".repeat(1_001), 1_000)).isTrue();
    }
}
