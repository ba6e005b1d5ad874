package io.crmhub.identity.golden;

import io.crmhub.canonical.Customer;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The survived golden customer: the canonical Customer shape plus the provenance of every value in it.
 *
 * @param customer   the golden values; a field no member carries is null (lists: empty)
 * @param provenance field path → where its value came from. Scalars by Java field name ({@code name},
 *                   {@code taxId}, {@code lifecycleStatus}); list elements by index into the golden list
 *                   ({@code phones[0]}, {@code emails[1]}, {@code addresses[0]}). Fields without a value have
 *                   no entry.
 */
public record GoldenRecord(Customer customer, Map<String, FieldProvenance> provenance) {

    public GoldenRecord {
        // Sorted, so that logs and test failures list the paths in a stable order.
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }
}
