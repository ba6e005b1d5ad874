package io.crmhub.identity.resolve;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A source customer record as identity resolution sees it: its stored canonical payload, where it came from,
 * the golden customer it is linked to and the rule that linked it (both null while not yet linked).
 */
record LinkedRecord(EntityRef ref, UUID goldenId, String rule, Customer customer, boolean deleted, String position,
                    long sequence, String mappingVersion, Instant occurredAt) {

    /** Linked by a person (a manual merge or review): automatic re-linking must not undo it. */
    boolean linkedByPerson() {
        return rule != null && rule.startsWith("manual");
    }
}
