package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.EntityRef;
import io.crmhub.it.HubIntegrationTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch path writes a batch's identity keys and their counts in one call and takes the counts from it (V30,
 * {@code identity_keys_replace}); the key triggers step aside for that call only. Whatever the mix — keys gained,
 * lost, moved from one record to another, kept, a hot key (counted by appending differences) changed or kept — the
 * counts returned are the keys stored, the kept counts stay exact, and a writer after it in the same transaction is
 * counted by the triggers again.
 */
@HubIntegrationTest
class IdentityKeyCountsIT {

    @Autowired
    IdentityBatchRepository batch;
    @Autowired
    IdentityRepository oneByOne;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    TransactionTemplate tx;

    @Test
    void theBatchKeyWriteReturnsTheCountsItLeavesAndKeepsThemExact() {
        String p = "kc-" + UUID.randomUUID() + ":";
        String hot = p + "hot";
        String hotKept = p + "hot-kept";
        String moved = p + "moved";
        String kept = p + "kept";
        String left = p + "left";
        String fresh = p + "fresh";
        List<EntityRef> crowd = IntStream.range(0, 105).mapToObj(i -> ref(p, "crowd-" + i)).toList();
        // 105 records carry both hot keys (written one by one: the triggers count them, and mark the keys hot)
        tx.executeWithoutResult(s -> crowd.forEach(r -> oneByOne.replaceKeys(r, List.of(hot, hotKept))));
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_key_count WHERE key IN (?, ?) AND hot",
                Long.class, hot, hotKept)).as("both keys hot").isEqualTo(2);

        EntityRef a = ref(p, "a");
        EntityRef b = ref(p, "b");
        EntityRef c = ref(p, "c");
        tx.executeWithoutResult(s -> {
            oneByOne.replaceKeys(a, List.of(moved, kept, left));
            oneByOne.replaceKeys(b, List.of(kept));
        });

        // one batch: a loses 'moved' and 'left' and gains the hot key, b keeps 'kept' and gains 'moved', c is new
        Map<EntityRef, Set<String>> old = Map.of(a, Set.of(moved, kept, left), b, Set.of(kept));
        Map<EntityRef, Set<String>> now = new LinkedHashMap<>();
        now.put(a, Set.of(kept, hot));
        now.put(b, Set.of(kept, moved));
        now.put(c, Set.of(fresh, kept, hotKept));
        Map<String, Long> returned = new HashMap<>();
        tx.executeWithoutResult(s -> {
            returned.putAll(batch.replaceKeys(old, now, List.of(a, b, c)));
            // a writer after it in the same transaction: counted by the triggers again
            oneByOne.replaceKeys(ref(p, "d"), List.of(fresh, moved));
        });

        assertThat(returned).as("every key the records carry, with the count the write left")
                .containsExactlyInAnyOrderEntriesOf(Map.of(kept, 3L, hot, 106L, moved, 1L, fresh, 1L, hotKept, 106L));
        for (String key : List.of(hot, hotKept, moved, kept, left, fresh)) {
            assertThat(crm.queryForObject("SELECT identity_key_records(?)", Long.class, key))
                    .as("kept count of %s equals the keys stored", key.substring(p.length()))
                    .isEqualTo(crm.queryForObject("SELECT count(*) FROM identity_key WHERE key = ?", Long.class, key));
        }
        assertThat(crm.queryForObject("SELECT identity_key_records(?)", Long.class, fresh)).isEqualTo(2);
        assertThat(crm.queryForObject("SELECT identity_key_records(?)", Long.class, left)).isZero();
    }

    private static EntityRef ref(String prefix, String key) {
        return new EntityRef("kc", "customer", prefix + key);
    }
}
