package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import java.util.List;

/**
 * Split records off a golden customer.
 *
 * @param records    the source records that are not this customer
 * @param separately true: each becomes its own golden customer; false: together they are one other customer
 * @param reason     why, for the audit trail (no personal data)
 */
public record UnmergeRequest(List<EntityRef> records, boolean separately, String reason) {}
