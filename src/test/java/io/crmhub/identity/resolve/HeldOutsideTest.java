package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.EntityRef;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of a batch's usable keys are looked up in the store ({@link BatchResolver#heldOutside}). */
class HeldOutsideTest {

    private static final EntityRef A = new EntityRef("erp", "customers", "1");
    private static final EntityRef B = new EntityRef("erp", "customers", "2");

    @Test
    void aKeyOnlyTheBatchCarriesIsNotLookedUp() {
        Map<EntityRef, Set<String>> keys = Map.of(A, Set.of("phone:+8613800000001", "name:wang"),
                B, Set.of("phone:+8613800000001", "name:wang"));
        Map<String, Long> counts = Map.of("phone:+8613800000001", 2L, "name:wang", 3L);

        Set<String> searched = BatchResolver.heldOutside(keys, keys, counts);

        // both holders of the phone are in the batch; a third record carries the name
        assertThat(searched).containsExactly("name:wang");
    }

    @Test
    void onlyUsableKeysWithAHolderOutsideTheBatchAreLookedUp() {
        Map<EntityRef, Set<String>> usable = Map.of(A, Set.of("email:a@example.com"));
        Map<EntityRef, Set<String>> all = Map.of(A, Set.of("email:a@example.com", "tf:NAME:wang"));

        assertThat(BatchResolver.heldOutside(usable, all, Map.of("email:a@example.com", 1L, "tf:NAME:wang", 9L)))
                .isEmpty();
        assertThat(BatchResolver.heldOutside(usable, all, Map.of())).isEmpty();
        assertThat(BatchResolver.heldOutside(usable, all, Map.of("email:a@example.com", 2L)))
                .containsExactly("email:a@example.com");
    }
}
