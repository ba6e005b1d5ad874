package io.crmhub.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.Interaction;
import io.crmhub.canonical.Order;
import io.crmhub.canonical.Payment;
import io.crmhub.canonical.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Canonical events for the KPI tests, built from the canonical records themselves so the payload is exactly
 * what a mapping would publish. Every event of one source record gets a higher sequence than the last.
 */
final class KpiEvents {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 10);

    private KpiEvents() {}

    static EntityRef customerRef(String system, String key) {
        return new EntityRef(system, "customers", key);
    }

    static CanonicalEvent customer(EntityRef ref, String name, String email, Customer.LifecycleStatus status,
                                   ChangeOp op, Instant occurredAt) {
        Customer c = new Customer(ref.key(), Customer.PartyKind.PERSON, name, null, List.of(email), null, null,
                null, null, null, status);
        return event(EntityType.CUSTOMER, ref, op, c, occurredAt);
    }

    static CanonicalEvent order(EntityRef order, EntityRef customer, LocalDate date, Order.OrderStatus status,
                                String currency, BigDecimal total, ChangeOp op, Instant occurredAt) {
        Order o = new Order("SO-" + order.key(), customer, Order.Channel.ERP, date, status, currency, total);
        return event(EntityType.ORDER, order, op, o, occurredAt);
    }

    static CanonicalEvent payment(EntityRef payment, EntityRef order, EntityRef customer, BigDecimal amount,
                                  String currency, Instant paidAt, ChangeOp op, Instant occurredAt) {
        Payment p = new Payment("RC-" + payment.key(), order, customer, amount, currency, paidAt,
                Payment.PaymentMethod.BANK_TRANSFER);
        return event(EntityType.PAYMENT, payment, op, p, occurredAt);
    }

    /** A complaint, ticket, contact, visit or survey; {@code score}/{@code scaleMax} only for surveys. */
    static CanonicalEvent interaction(EntityRef ref, EntityRef customer, Interaction.Kind kind, Instant openedAt,
                                      Instant escalatedAt, Instant resolvedAt, Integer score, Integer scaleMax,
                                      ChangeOp op, Instant occurredAt) {
        Interaction.Status status = resolvedAt != null ? Interaction.Status.RESOLVED
                : escalatedAt != null ? Interaction.Status.ESCALATED : Interaction.Status.OPEN;
        Interaction i = new Interaction("IX-" + ref.key(), customer, kind, "kpi test " + kind, "phone", status,
                openedAt, escalatedAt, resolvedAt, null, null, score, scaleMax, null, "owner-kpi");
        return event(EntityType.INTERACTION, ref, op, i, occurredAt);
    }

    static CanonicalEvent delete(EntityType type, EntityRef ref, Instant occurredAt) {
        return event(type, ref, ChangeOp.DELETE, null, occurredAt);
    }

    private static CanonicalEvent event(EntityType type, EntityRef ref, ChangeOp op, Object record,
                                        Instant occurredAt) {
        long seq = SEQUENCE.incrementAndGet();
        SourceRef src = new SourceRef(ref.system(), ref.entity(), ref.key(), "kpi-" + seq, seq);
        JsonNode payload = record == null ? null : CanonicalJson.mapper().valueToTree(record);
        return new CanonicalEvent(CanonicalEvent.eventIdFor(src, op), CanonicalEvent.typeFor(type, op),
                CanonicalEvent.SCHEMA_VERSION, type, op, src, ref.system() + "-" + ref.entity() + "@1", occurredAt,
                Instant.now(), payload, null);
    }
}
