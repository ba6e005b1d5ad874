package io.crmhub.identity.golden;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import java.time.Instant;

/**
 * One source record linked to a golden customer, as the store knows it.
 *
 * @param source         the source record (system, entity, key); {@code partner:<id>} systems for partners
 * @param position       the source position of the change that last wrote this record (LSN, file#line)
 * @param sequence       the record's own change counter; a tie-break after {@code occurredAt}
 * @param mappingVersion {@code <mapping id>@<version>} that produced {@code customer}
 * @param occurredAt     when the source says the change happened; null sorts as the oldest
 * @param deleted        the source record was deleted; ignored unless every member is deleted
 * @param customer       the record's canonical content; may be null for a deleted record
 */
public record SourceMember(EntityRef source, String position, long sequence, String mappingVersion,
                           Instant occurredAt, boolean deleted, Customer customer) {}
