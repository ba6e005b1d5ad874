package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Guards a growing cluster against chaining: pairwise rules only see two records, but a link can join two
 * clusters whose other members must never meet — two different valid tax ids or resident ids, a branch and its
 * head office,
 * or records a person said are different — and no cluster may grow past the configured size.
 */
final class ClusterGuard {

    private final MatchRules rules;
    private final Function<LinkedRecord, NormalizedCustomer> normalized;
    private final Set<String> taxIds = new HashSet<>();
    private final Set<String> residentIds = new HashSet<>();
    private final Set<Boolean> branchFlags = new HashSet<>();
    private final Set<EntityRef> members = new HashSet<>();
    private final Set<EntityRef> apart = new HashSet<>();
    private final ApartLookup lookup;

    /** Who a person said a record must never be linked with. */
    interface ApartLookup {
        List<EntityRef> apartFrom(EntityRef ref);
    }

    /**
     * @param normalized a record's normalised form, null when it has no customer (a caller with a cache passes it:
     *                   a join checks every member of the cluster it joins)
     */
    ClusterGuard(MatchRules rules, Function<LinkedRecord, NormalizedCustomer> normalized, ApartLookup lookup) {
        this.rules = rules;
        this.normalized = normalized;
        this.lookup = lookup;
    }

    void add(List<LinkedRecord> records) {
        for (LinkedRecord r : records) {
            add(r.ref(), r.customer() == null ? null : normalized.apply(r));
        }
    }

    void add(EntityRef ref, NormalizedCustomer normalized) {
        members.add(ref);
        apart.addAll(lookup.apartFrom(ref));
        if (normalized != null) {
            normalized.validTaxId().ifPresent(taxIds::add);
            if (normalized.validResidentId() != null) {
                residentIds.add(normalized.validResidentId());
            }
            if (normalized.name() != null) {
                branchFlags.add(normalized.name().branch());
            }
        }
    }

    int size() {
        return members.size();
    }

    /** Why the records may not join this cluster, or empty when they may. */
    Optional<String> conflict(List<LinkedRecord> records) {
        if (members.size() + records.size() > rules.clustering().maxClusterSize()) {
            return Optional.of("cluster-size-cap");
        }
        for (LinkedRecord r : records) {
            if (apart.contains(r.ref())) {
                return Optional.of("cannot-link:decided-by-person");
            }
            NormalizedCustomer n = r.customer() == null ? null : normalized.apply(r);
            if (n == null) {
                continue;
            }
            if (rules.cannotLink().differentTaxIds() && n.validTaxId().isPresent() && !taxIds.isEmpty()
                    && !taxIds.contains(n.validTaxId().get())) {
                return Optional.of("cannot-link:different-tax-ids");
            }
            String resident = n.validResidentId();
            if (rules.cannotLink().differentResidentIds() && resident != null && !residentIds.isEmpty()
                    && !residentIds.contains(resident)) {
                return Optional.of("cannot-link:different-resident-ids");
            }
            if (rules.cannotLink().branchAndHeadOffice() && n.name() != null && !branchFlags.isEmpty()
                    && !branchFlags.contains(n.name().branch())) {
                return Optional.of("cannot-link:branch-and-head-office");
            }
        }
        return Optional.empty();
    }
}
