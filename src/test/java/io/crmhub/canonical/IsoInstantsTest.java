package io.crmhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    private record At(Instant at) {}

    @Test
    void readsEveryInstantAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant expected = Instant.ofEpochSecond(second, nanos);
            assertThat(IsoInstants.parse(expected.toString())).as(expected.toString()).isEqualTo(expected);
        }
        assertThat(IsoInstants.parse("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
        assertThat(IsoInstants.parse("1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void leavesEveryOtherTextToTheGeneralParser() {
        for (String other : new String[] {"", "2024-06-04", "2024-06-04T05:00Z", "2024-06-04T05:00:00+08:00",
                "2024-06-04 05:00:00Z", "2024-06-04T05:00:00.Z", "2024-06-04T05:00:00.1234567890Z",
                "2024-02-30T05:00:00Z", "2024-13-01T05:00:00Z", "2024-06-04T24:00:00Z", "2024-06-04T05:60:00Z",
                "2024-06-04T05:00:60Z", "2024-06-04T05:00:00z", "+2024-06-04T05:00:00Z", "2024-06-04T05:00:0xZ",
                "２０２４-06-04T05:00:00Z"}) {
            assertThat(IsoInstants.parse(other)).as(other).isNull();
        }
    }

    @Test
    void theCanonicalMapperStillReadsWhatJacksonReadAndRefusesWhatItRefused() throws Exception {
        var mapper = CanonicalJson.mapper();
        assertThat(mapper.readValue("{\"at\":\"2024-06-04T05:00:00.123Z\"}", At.class).at())
                .isEqualTo(Instant.parse("2024-06-04T05:00:00.123Z"));
        // the general parser's cases: an offset, epoch seconds as a number
        assertThat(mapper.readValue("{\"at\":\"2024-06-04T13:00:00+08:00\"}", At.class).at())
                .isEqualTo(Instant.parse("2024-06-04T05:00:00Z"));
        assertThat(mapper.readValue("{\"at\":1717477200}", At.class).at())
                .isEqualTo(Instant.parse("2024-06-04T05:00:00Z"));
        assertThat(mapper.readValue("{\"at\":null}", At.class).at()).isNull();
        assertThatThrownBy(() -> mapper.readValue("{\"at\":\"2024-02-30T05:00:00Z\"}", At.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"at\":\"yesterday\"}", At.class))
                .isInstanceOf(JsonMappingException.class);
    }
}
