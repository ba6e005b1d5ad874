package io.crmhub.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * The outcome of a partner upsert, and the status of a partner's record when read back.
 *
 * @param source   the source record the partner's customer is in the hub ({@code partner:<id>/customers/<key>})
 * @param version  the record's version after the write: the ETag to send in If-Match next time
 * @param created  the write created the record
 * @param state    {@code APPLIED}: stored and linked to {@code goldenId}; {@code PENDING}: accepted and published,
 *                 not yet stored (read the record's status again); {@code FAILED}: accepted, but the store refused
 *                 it ({@code reason}: why, without the values; correct the record and write it again)
 * @param goldenId the golden customer the record belongs to, once applied
 * @param customer that golden customer, when the write waited for it
 * @param reason   why the store refused the write ({@code FAILED} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpsertResult(String partnerId, String partnerKey, io.crmhub.canonical.EntityRef source, long version,
                           boolean created, State state, UUID goldenId, CustomerView customer, String reason) {

    public UpsertResult(String partnerId, String partnerKey, io.crmhub.canonical.EntityRef source, long version,
                        boolean created, State state, UUID goldenId, CustomerView customer) {
        this(partnerId, partnerKey, source, version, created, state, goldenId, customer, null);
    }

    public enum State { APPLIED, PENDING, FAILED }
}
