package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import java.util.Comparator;

/** One total order over source records, so pairs and locks are always taken the same way round. */
final class Refs {

    static final Comparator<EntityRef> ORDER = Comparator.comparing(EntityRef::system)
            .thenComparing(EntityRef::entity).thenComparing(EntityRef::key);

    private Refs() {}

    static EntityRef first(EntityRef a, EntityRef b) {
        return ORDER.compare(a, b) <= 0 ? a : b;
    }
}
