package io.crmhub.identity.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LongListTest {

    @Test
    void compactingListGivesTheDistinctValuesInOrderWhateverTheRepeats() {
        Random random = new Random(7);
        LongList list = new LongList(16);
        TreeSet<Long> expected = new TreeSet<>();
        for (int i = 0; i < 200_000; i++) {
            long value = random.nextInt(5_000) * 1_000_003L; // many repeats, as pairs sharing several keys
            list.addCompacting(value);
            expected.add(value);
        }
        long[] distinct = list.sortedDistinct();
        assertThat(distinct).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void compactingListGrowsWhenValuesAreAllDifferent() {
        LongList list = new LongList(16);
        for (long i = 100_000; i > 0; i--) {
            list.addCompacting(i);
        }
        long[] distinct = list.sortedDistinct();
        assertThat(distinct).hasSize(100_000);
        assertThat(distinct[0]).isEqualTo(1);
        assertThat(distinct[99_999]).isEqualTo(100_000);
    }
}
