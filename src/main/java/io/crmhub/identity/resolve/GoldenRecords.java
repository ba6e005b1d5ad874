package io.crmhub.identity.resolve;

import io.crmhub.identity.golden.GoldenRecord;
import io.crmhub.identity.golden.SourceMember;
import io.crmhub.identity.golden.Survivorship;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps each golden customer's fields and per-field provenance equal to what survivorship makes of its
 * current members; called whenever a golden gains, loses or changes a member, in the caller's transaction.
 */
@Component
class GoldenRecords {

    static final String ACTIVE = "ACTIVE";
    static final String INACTIVE = "INACTIVE";

    private final IdentityRepository links;
    private final GoldenRepository goldens;
    private final Survivorship survivorship;

    GoldenRecords(IdentityRepository links, GoldenRepository goldens, Survivorship survivorship,
                  MeterRegistry registry) {
        this.links = links;
        this.goldens = goldens;
        this.survivorship = survivorship;
        Gauge.builder("hub.identity.largest.cluster", goldens, GoldenRepository::largestCluster)
                .description("Source records linked to the largest active golden customer")
                .register(registry);
    }

    /** A new golden customer for one record; returns its id. */
    UUID create(LinkedRecord first) {
        UUID id = GoldenIds.next();
        goldens.insert(id, survive(List.of(first)), 1, first.deleted() ? INACTIVE : ACTIVE);
        return id;
    }

    /** Recomputes a golden customer from its members; returns whether it is still active. */
    boolean refresh(UUID id) {
        List<LinkedRecord> members = links.members(id);
        if (members.stream().noneMatch(m -> m.customer() != null)) {
            return false; // moved away (merged) or never had a payload: nothing to survive
        }
        boolean active = members.stream().anyMatch(m -> !m.deleted());
        goldens.update(id, survive(members), members.size(), active ? ACTIVE : INACTIVE);
        return active;
    }

    /** The golden record and update parameters for a golden customer whose members were read in bulk. */
    org.springframework.jdbc.core.namedparam.MapSqlParameterSource refreshed(UUID id, List<LinkedRecord> members) {
        boolean active = members.stream().anyMatch(m -> !m.deleted());
        return GoldenRepository.values(id, survive(members), members.size(), active ? ACTIVE : INACTIVE);
    }

    GoldenRecord survive(List<LinkedRecord> members) {
        return survivorship.survive(members.stream().filter(m -> m.customer() != null)
                .map(m -> new SourceMember(m.ref(), m.position(), m.sequence(), m.mappingVersion(), m.occurredAt(),
                        m.deleted(), m.customer()))
                .toList());
    }
}
