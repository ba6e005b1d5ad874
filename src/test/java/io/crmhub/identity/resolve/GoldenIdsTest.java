package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** New golden ids are version 7 UUIDs carrying their creation time: new ids land at the right edge of an index. */
class GoldenIdsTest {

    @Test
    void aNewGoldenIdIsAVersion7UuidOfTheMomentItWasMade() {
        long before = System.currentTimeMillis();
        UUID id = GoldenIds.next();
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsMadeOneAfterTheOtherAreDistinct() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(GoldenIds.next());
        }
        assertThat(ids).hasSize(100_000);
    }
}
