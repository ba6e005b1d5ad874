package io.crmhub.partner;

import io.crmhub.identity.resolve.IdentityException;
import io.crmhub.identity.resolve.IdentityQueries;
import io.crmhub.identity.resolve.IdentityQueries.Golden;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Golden customers by id for partners. A partner may hold an id that was merged away: {@link #survivorOf}
 * follows {@code merged_into} to the customer that absorbed it, so old ids keep working.
 */
@Service
public class GoldenCustomers {

    /** Longer chains than this mean a cycle, which merges never create; stop rather than loop. */
    private static final int MAX_HOPS = 32;

    private final NamedParameterJdbcTemplate jdbc;
    private final IdentityQueries identity;

    GoldenCustomers(NamedParameterJdbcTemplate jdbc, IdentityQueries identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    /** The id itself when it is not merged, else the id of the golden customer it was merged into, transitively. */
    public UUID survivorOf(UUID id) {
        UUID current = id;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            UUID asked = current;
            UUID next = jdbc.query("SELECT merged_into FROM golden_customer WHERE golden_id = :id",
                    new MapSqlParameterSource("id", asked), rs -> rs.next()
                            ? (rs.getString(1) == null ? asked : UUID.fromString(rs.getString(1))) : null);
            if (next == null) {
                throw new PartnerException(PartnerException.Reason.NOT_FOUND, null, "no customer " + id);
            }
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        throw new IllegalStateException("golden customer " + id + " is merged through more than " + MAX_HOPS + " ids");
    }

    /** The golden customer with this id, not following merges (the caller decides how to answer a merged id). */
    public CustomerView get(UUID id) {
        Golden golden;
        try {
            golden = identity.golden(id);
        } catch (IdentityException e) {
            throw new PartnerException(PartnerException.Reason.NOT_FOUND, null, "no customer " + id, e);
        }
        return new CustomerView(golden.goldenId(), golden.status(), golden.version(), golden.createdAt(),
                golden.updatedAt(), golden.record(), golden.provenance(), golden.links().stream()
                .map(l -> new CustomerView.Link(l.source(), l.rule(), l.linkedAt(), l.deleted())).toList());
    }
}
