package io.crmhub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kept renderings: the newer version wins, the least recently read go first, nothing grows past its budget. */
class RenderedCustomersTest {

    @Test
    void anOlderRenderingNeverReplacesANewerOne() {
        RenderedCustomers kept = new RenderedCustomers(1 << 20);
        UUID id = UUID.randomUUID();
        kept.put(id, new RenderedCustomers.Entry(3, new byte[10]));
        kept.put(id, new RenderedCustomers.Entry(2, new byte[20]));
        assertThat(kept.get(id).version()).isEqualTo(3);
        kept.put(id, new RenderedCustomers.Entry(4, new byte[30]));
        assertThat(kept.get(id).version()).isEqualTo(4);
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.bytes()).isEqualTo(30 + 96);
    }

    @Test
    void theLeastRecentlyReadGoWhenTheBudgetIsSpent() {
        RenderedCustomers kept = new RenderedCustomers(16 * 1_000); // 16 segments of 1,000 bytes
        int total = 2_000;
        UUID first = null;
        for (int i = 0; i < total; i++) {
            UUID id = UUID.randomUUID();
            first = first == null ? id : first;
            kept.put(id, new RenderedCustomers.Entry(1, new byte[104])); // 200 bytes with the entry
            kept.get(first); // read again and again: stays
        }
        assertThat(kept.bytes()).isLessThanOrEqualTo(16 * 1_000);
        assertThat(kept.size()).isBetween(16 * 4, 16 * 5);
        assertThat(kept.get(first)).isNotNull();
    }

    @Test
    void aRenderingLargerThanItsSegmentIsNotKeptAndNothingIsKeptWithoutABudget() {
        RenderedCustomers small = new RenderedCustomers(16 * 100);
        UUID id = UUID.randomUUID();
        small.put(id, new RenderedCustomers.Entry(1, new byte[500]));
        assertThat(small.get(id)).isNull();
        RenderedCustomers none = new RenderedCustomers(0);
        none.put(id, new RenderedCustomers.Entry(1, new byte[1]));
        assertThat(none.get(id)).isNull();
        assertThat(none.bytes()).isZero();
    }
}
