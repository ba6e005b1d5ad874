package io.crmhub.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A touch point with a customer: the raw material of service KPIs (complaint rate, resolution time,
 * CSAT) and of the sales cycle (first contact).
 *
 * @param reference    the interaction's number in its source system
 * @param customer     the customer (or contact) it concerns, as a source record reference
 * @param kind         contact, visit, contract, complaint, service ticket or satisfaction survey
 * @param subject      short title
 * @param channel      how it happened: phone, email, onsite, web, …
 * @param status       for complaints and tickets: open, escalated, resolved, closed
 * @param openedAt     when it happened or was opened
 * @param escalatedAt  when a complaint or ticket was escalated
 * @param resolvedAt   when a complaint or ticket was resolved
 * @param amount       contract value
 * @param currency     ISO 4217 code of {@code amount}
 * @param score        survey score
 * @param scaleMax     highest possible survey score (e.g. 5 or 10), so scores can be compared
 * @param comment      free text (personal data: may name people)
 * @param owner        employee responsible
 */
public record Interaction(
        String reference,
        EntityRef customer,
        Kind kind,
        String subject,
        String channel,
        Status status,
        Instant openedAt,
        Instant escalatedAt,
        Instant resolvedAt,
        BigDecimal amount,
        String currency,
        Integer score,
        Integer scaleMax,
        String comment,
        String owner) {

    public enum Kind { CONTACT, VISIT, CONTRACT, COMPLAINT, SERVICE_TICKET, SURVEY }

    public enum Status { OPEN, ESCALATED, RESOLVED, CLOSED }
}
