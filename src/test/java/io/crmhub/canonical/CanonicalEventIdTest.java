package io.crmhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event ids: the same change always gets the same id, different changes different ones, ordered by sequence. */
class CanonicalEventIdTest {

    private static SourceRef ref(String key, long sequence) {
        return new SourceRef("erp", "customer", key, "lsn:" + sequence + ",tx:7", sequence);
    }

    @Test
    void aReDeliveredChangeGetsTheSameIdAndADifferentChangeAnother() {
        String id = CanonicalEvent.eventIdFor(ref("C-1", 5_000_000L), ChangeOp.UPDATE);
        assertThat(CanonicalEvent.eventIdFor(ref("C-1", 5_000_000L), ChangeOp.UPDATE)).isEqualTo(id);
        assertThat(CanonicalEvent.eventIdFor(ref("C-2", 5_000_000L), ChangeOp.UPDATE)).isNotEqualTo(id);
        assertThat(CanonicalEvent.eventIdFor(ref("C-1", 5_000_000L), ChangeOp.DELETE)).isNotEqualTo(id);
        assertThat(CanonicalEvent.eventIdFor(new SourceRef("erp", "customer", "C-1", "lsn:other", 5_000_000L),
                ChangeOp.UPDATE)).isNotEqualTo(id);
        assertThat(CanonicalEvent.eventIdFor(ref("C-1", 5_000_001L), ChangeOp.UPDATE)).isNotEqualTo(id);
    }

    @Test
    void anIdIsAVersion8UuidWhoseFirst48BitsAreTheSequenceWithoutItsLowest16() {
        long sequence = 1_796_658_727_000_123_456L;
        UUID id = UUID.fromString(CanonicalEvent.eventIdFor(ref("C-1", sequence), ChangeOp.CREATE));
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(sequence >>> 16);
    }

    @Test
    void idsSortAsTheirSequencesDoInPostgresqlsOrderOfUuids() {
        // PostgreSQL orders uuid values by their bytes, unsigned: as their lower-case text sorts
        List<String> ids = new ArrayList<>();
        for (long sequence = 0; sequence < 200L << 16; sequence += 1L << 16) {
            ids.add(CanonicalEvent.eventIdFor(ref("C-" + (sequence % 7), sequence), ChangeOp.UPDATE));
        }
        ids.add(CanonicalEvent.eventIdFor(ref("C-1", Long.MAX_VALUE), ChangeOp.UPDATE));
        assertThat(ids).isSorted();
    }

    @Test
    void changesSharingOnePrefixStillGetDifferentIds() {
        // a source without a growing sequence (the SCM topic's 0) puts every change under one prefix
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(CanonicalEvent.eventIdFor(new SourceRef("scm", "shipment", "S-" + i, "p:" + i, 0), ChangeOp.CREATE));
        }
        assertThat(ids).hasSize(100_000).allMatch(id -> id.startsWith("00000000-0000-8"));
    }
}
