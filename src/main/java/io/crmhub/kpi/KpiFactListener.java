package io.crmhub.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.Interaction;
import io.crmhub.canonical.Order;
import io.crmhub.canonical.OrderLine;
import io.crmhub.canonical.Payment;
import io.crmhub.store.AppliedChangeListener;
import io.crmhub.store.InvalidEventException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code kpi_fact} and {@code kpi_lifecycle} in step with the store, inside the apply transaction:
 * indicators see a change exactly when the store does. Facts hold business dates, so a backfill lands in the
 * periods it belongs to; a status first seen in a snapshot is recorded as a starting state, not a change.
 */
@Component
class KpiFactListener implements AppliedChangeListener {

    private final NamedParameterJdbcTemplate jdbc;
    private final ZoneId zone;

    KpiFactListener(NamedParameterJdbcTemplate jdbc, KpiProperties properties) {
        this.jdbc = jdbc;
        this.zone = properties.zone();
    }

    @Override
    public String stage() {
        return "kpi";
    }

    @Override
    public void applied(List<CanonicalEvent> events) {
        List<MapSqlParameterSource> lifecycle = new ArrayList<>();
        // a fact is replaced whole by its record's latest change: the batch keeps one action per record
        Map<String, MapSqlParameterSource> upserts = new LinkedHashMap<>();
        Map<String, MapSqlParameterSource> deletes = new LinkedHashMap<>();
        for (CanonicalEvent event : events) {
            String key = event.source().qualifiedKey();
            if (event.entity() == EntityType.CUSTOMER) {
                lifecycle(event).ifPresent(lifecycle::add);
            } else if (event.op().isDelete()) {
                upserts.remove(key);
                deletes.put(key, source(event));
            } else {
                fact(event).ifPresent(p -> {
                    deletes.remove(key);
                    upserts.put(key, p);
                });
            }
        }
        batch(LIFECYCLE, lifecycle);
        batch("DELETE FROM kpi_fact WHERE source_system = :system AND source_entity = :entity AND source_key = :key",
                deletes.values());
        batch(UPSERT, upserts.values());
    }

    private void batch(String sql, java.util.Collection<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new));
        }
    }

    private Optional<MapSqlParameterSource> fact(CanonicalEvent event) {
        if (event.entity() == EntityType.ORDER) {
            Order o = read(event, Order.class);
            LocalDate day = o.orderDate() != null ? o.orderDate() : event.occurredAt().atZone(zone).toLocalDate();
            return Optional.of(fact(event, "order", orderKind(o.status()), o.customer(), day,
                    day.atStartOfDay(zone).toInstant())
                    .addValue("amount", o.totalAmount()).addValue("currency", o.currency()));
        } else if (event.entity() == EntityType.ORDER_LINE) {
            OrderLine l = read(event, OrderLine.class);
            Instant at = event.occurredAt(); // a line is dated by its order; this date is never read
            return Optional.of(fact(event, "order_line", "ORDER_LINE", null, at.atZone(zone).toLocalDate(), at)
                    .addValue("amount", l.amount()).addValue("orderEntity", l.order() == null ? null : l.order().entity())
                    .addValue("orderKey", l.order() == null ? null : l.order().key())
                    .addValue("cost", l.unitCost() == null || l.quantity() == null ? null
                            : l.quantity().multiply(l.unitCost())));
        } else if (event.entity() == EntityType.PAYMENT) {
            Payment p = read(event, Payment.class);
            Instant at = p.paidAt() != null ? p.paidAt() : event.occurredAt();
            return Optional.of(fact(event, "payment", "PAYMENT", p.customer(), at.atZone(zone).toLocalDate(), at)
                    .addValue("amount", p.amount()).addValue("currency", p.currency()));
        } else if (event.entity() == EntityType.INTERACTION) {
            Interaction i = read(event, Interaction.class);
            Instant at = i.openedAt() != null ? i.openedAt() : event.occurredAt();
            return Optional.of(fact(event, "interaction", i.kind() == null ? "CONTACT" : i.kind().name(), i.customer(),
                    at.atZone(zone).toLocalDate(), at)
                    .addValue("amount", i.amount()).addValue("currency", i.currency())
                    .addValue("escalatedAt", timestamp(i.escalatedAt())).addValue("resolvedAt", timestamp(i.resolvedAt()))
                    .addValue("score", i.score()).addValue("scaleMax", i.scaleMax()));
        }
        return Optional.empty();
    }

    private Optional<MapSqlParameterSource> lifecycle(CanonicalEvent event) {
        if (event.op().isDelete() || event.payload() == null) {
            return Optional.empty();
        }
        Customer customer = read(event, Customer.class);
        if (customer.lifecycleStatus() == null) {
            return Optional.empty();
        }
        return Optional.of(source(event).addValue("status", customer.lifecycleStatus().name())
                .addValue("changedAt", Timestamp.from(event.occurredAt()))
                .addValue("snapshot", event.op() == ChangeOp.READ));
    }

    /** A status is recorded when it differs from the record's last one (statements of a batch run in order). */
    private static final String LIFECYCLE = """
            INSERT INTO kpi_lifecycle (source_system, source_entity, source_key, status, previous_status,
                changed_at, snapshot)
            SELECT :system, :entity, :key, :status, last.status, :changedAt, :snapshot
            FROM (SELECT (SELECT status FROM kpi_lifecycle WHERE source_system = :system
                  AND source_entity = :entity AND source_key = :key ORDER BY id DESC LIMIT 1) AS status) last
            WHERE last.status IS DISTINCT FROM :status
            """;

    /** One fact row, replaced whole on every change of its record; the snapshot mark of its first sight stays. */
    private static final String UPSERT = """
            INSERT INTO kpi_fact (source_system, source_entity, source_key, entity, kind, customer_system,
                customer_entity, customer_key, order_entity, order_key, occurred_on, occurred_at, amount,
                currency, cost, escalated_at, resolved_at, score, scale_max, snapshot)
            VALUES (:system, :entity, :key, :entityType, :kind, :customerSystem, :customerEntity,
                :customerKey, :orderEntity, :orderKey, :day, :at, :amount, :currency, :cost, :escalatedAt,
                :resolvedAt, :score, :scaleMax, :snapshot)
            ON CONFLICT (source_system, source_entity, source_key) DO UPDATE SET kind = EXCLUDED.kind,
                customer_system = EXCLUDED.customer_system, customer_entity = EXCLUDED.customer_entity,
                customer_key = EXCLUDED.customer_key, order_entity = EXCLUDED.order_entity,
                order_key = EXCLUDED.order_key, cost = EXCLUDED.cost, occurred_on = EXCLUDED.occurred_on,
                occurred_at = EXCLUDED.occurred_at, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
                escalated_at = EXCLUDED.escalated_at, resolved_at = EXCLUDED.resolved_at,
                score = EXCLUDED.score, scale_max = EXCLUDED.scale_max, applied_at = clock_timestamp()
            """;

    private MapSqlParameterSource fact(CanonicalEvent event, String entity, String kind, EntityRef customer,
                                       LocalDate day, Instant at) {
        return source(event).addValue("entityType", entity).addValue("kind", kind)
                .addValue("customerSystem", customer == null ? null : customer.system())
                .addValue("customerEntity", customer == null ? null : customer.entity())
                .addValue("customerKey", customer == null ? null : customer.key())
                .addValue("day", day).addValue("at", Timestamp.from(at))
                .addValue("snapshot", event.op() == ChangeOp.READ)
                .addValue("escalatedAt", null).addValue("resolvedAt", null)
                .addValue("score", null).addValue("scaleMax", null).addValue("currency", null)
                .addValue("orderEntity", null).addValue("orderKey", null).addValue("cost", null);
    }

    static String orderKind(Order.OrderStatus status) {
        if (status == null) {
            return "ORDER_OPEN";
        }
        return switch (status) {
            case CONFIRMED, SHIPPED, COMPLETED -> "ORDER_WON";
            case CANCELLED -> "ORDER_CANCELLED";
            case DRAFT -> "ORDER_OPEN";
        };
    }

    private static MapSqlParameterSource source(CanonicalEvent e) {
        return new MapSqlParameterSource("system", e.source().system()).addValue("entity", e.source().entity())
                .addValue("key", e.source().key());
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static <T> T read(CanonicalEvent event, Class<T> type) {
        try {
            return CanonicalJson.mapper().treeToValue(event.payload(), type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            // the path names the field; the message could quote the value, which may be personal data
            throw new InvalidEventException("payload is not a canonical " + event.entity().id() + " at "
                    + e.getPathReference());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("payload is not a canonical " + event.entity().id());
        }
    }
}
