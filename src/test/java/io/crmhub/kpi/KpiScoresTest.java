package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class KpiScoresTest {

    /** PostgreSQL's ntile(5): the first n % 5 buckets hold one row more; buckets are filled in order. */
    @Test
    void ntileNumbersRowsAsPostgresDoes() {
        for (int n = 1; n <= 40; n++) {
            int[] sizes = new int[5];
            for (int b = 0; b < 5; b++) {
                sizes[b] = n / 5 + (b < n % 5 ? 1 : 0);
            }
            int position = 0;
            for (int b = 0; b < 5; b++) {
                for (int k = 0; k < sizes[b]; k++, position++) {
                    assertThat(KpiScores.ntile(position, n)).as("row %d of %d", position, n).isEqualTo(b + 1);
                }
            }
        }
    }

    /** PostgreSQL compares uuids byte by byte (unsigned); java.util.UUID.compareTo is signed. */
    @Test
    void uuidsCompareUnsignedAsPostgresDoes() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        assertThat(KpiScores.Order.compareUuid(low, high)).isNegative();
        assertThat(low.compareTo(high)).isPositive();
    }
}
