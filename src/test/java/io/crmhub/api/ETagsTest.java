package io.crmhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version an If-None-Match names: ours, strong or weak; anything else names none. */
class ETagsTest {

    @Test
    void ourETagsStrongOrWeakNameTheirVersion() {
        assertThat(ETags.version(ETags.of(7))).isEqualTo(7);
        assertThat(ETags.version("W/\"7\"")).isEqualTo(7);
        assertThat(ETags.version(" \"12\" ")).isEqualTo(12);
    }

    @Test
    void anythingElseNamesNoVersion() {
        assertThat(ETags.version(null)).isEqualTo(-1);
        assertThat(ETags.version("*")).isEqualTo(-1);
        assertThat(ETags.version("7")).isEqualTo(-1);
        assertThat(ETags.version("\"\"")).isEqualTo(-1);
        assertThat(ETags.version("\"x7\"")).isEqualTo(-1);
        assertThat(ETags.version("\"-3\"")).isEqualTo(-1);
        assertThat(ETags.version("\"1\", \"2\"")).isEqualTo(-1);
    }
}
