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
import java.math.BigDecimal;
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
 * Keeps {@code kpi_fact} and {@code kpi_lifecycle} in step with the store, inside the apply transaction, one statement
 * each per batch: the statement triggers of V13 note the days and records touched, and the aggregates the indicators
 * are read from are restated at the commit, so indicators see a change exactly when the store does. Facts hold
 * business dates, so a backfill lands in the periods it belongs to; a status first seen in a snapshot is recorded as a
 * starting state, not a change.
 */
@Component
class KpiFactListener implements AppliedChangeListener {

    private final NamedParameterJdbcTemplate jdbc;
    private final ZoneId zone;
    private final KpiFreshness freshness;

    KpiFactListener(NamedParameterJdbcTemplate jdbc, KpiProperties properties, KpiFreshness freshness) {
        this.jdbc = jdbc;
        this.zone = properties.zone();
        this.freshness = freshness;
    }

    @Override
    public String stage() {
        return "kpi";
    }

    @Override
    public void applied(List<CanonicalEvent> events) {
        Lifecycle lifecycle = new Lifecycle();
        // a fact is replaced whole by its record's latest change: the batch keeps one action per record
        Map<String, Fact> upserts = new LinkedHashMap<>();
        Map<String, CanonicalEvent> deletes = new LinkedHashMap<>();
        for (CanonicalEvent event : events) {
            String key = event.source().qualifiedKey();
            if (event.entity() == EntityType.CUSTOMER) {
                lifecycle(event, lifecycle);
            } else if (event.op().isDelete()) {
                upserts.remove(key);
                deletes.put(key, event);
            } else {
                fact(event).ifPresent(f -> {
                    deletes.remove(key);
                    upserts.put(key, f);
                });
            }
        }
        // one statement each, whatever the batch size: the statement triggers that keep the aggregates (V13) then
        // run once per batch, not once per row
        if (!lifecycle.system.isEmpty()) {
            jdbc.update(LIFECYCLE, new MapSqlParameterSource("system", lifecycle.system.toArray(String[]::new))
                    .addValue("entity", lifecycle.entity.toArray(String[]::new))
                    .addValue("key", lifecycle.key.toArray(String[]::new))
                    .addValue("status", lifecycle.status.toArray(String[]::new))
                    .addValue("changedAt", lifecycle.changedAt.toArray(String[]::new))
                    .addValue("snapshot", lifecycle.snapshot.toArray(String[]::new)));
        }
        if (!deletes.isEmpty()) {
            jdbc.update(DELETE, new MapSqlParameterSource()
                    .addValue("system", deletes.values().stream().map(e -> e.source().system()).toArray(String[]::new))
                    .addValue("entity", deletes.values().stream().map(e -> e.source().entity()).toArray(String[]::new))
                    .addValue("key", deletes.values().stream().map(e -> e.source().key()).toArray(String[]::new)));
        }
        if (!upserts.isEmpty()) {
            jdbc.update(UPSERT, Fact.columns(upserts.values()));
            freshness.factsWritten();
        }
    }

    /** One kpi_fact row, as text for the statement's arrays. */
    private record Fact(String system, String entity, String key, String entityType, String kind,
                        EntityRef customer, String orderEntity, String orderKey, LocalDate day, Instant at,
                        BigDecimal amount, String currency, BigDecimal cost, Instant escalatedAt, Instant resolvedAt,
                        Integer score, Integer scaleMax, boolean snapshot) {

        static MapSqlParameterSource columns(java.util.Collection<Fact> facts) {
            MapSqlParameterSource p = new MapSqlParameterSource();
            column(p, "system", facts, Fact::system);
            column(p, "entity", facts, Fact::entity);
            column(p, "key", facts, Fact::key);
            column(p, "entityType", facts, Fact::entityType);
            column(p, "kind", facts, Fact::kind);
            column(p, "customerSystem", facts, f -> f.customer == null ? null : f.customer.system());
            column(p, "customerEntity", facts, f -> f.customer == null ? null : f.customer.entity());
            column(p, "customerKey", facts, f -> f.customer == null ? null : f.customer.key());
            column(p, "orderEntity", facts, Fact::orderEntity);
            column(p, "orderKey", facts, Fact::orderKey);
            column(p, "day", facts, Fact::day);
            column(p, "at", facts, Fact::at);
            column(p, "amount", facts, f -> f.amount == null ? null : f.amount.toPlainString());
            column(p, "currency", facts, Fact::currency);
            column(p, "cost", facts, f -> f.cost == null ? null : f.cost.toPlainString());
            column(p, "escalatedAt", facts, Fact::escalatedAt);
            column(p, "resolvedAt", facts, Fact::resolvedAt);
            column(p, "score", facts, Fact::score);
            column(p, "scaleMax", facts, Fact::scaleMax);
            column(p, "snapshot", facts, Fact::snapshot);
            return p;
        }

        private static void column(MapSqlParameterSource p, String name, java.util.Collection<Fact> facts,
                                   java.util.function.Function<Fact, Object> value) {
            p.addValue(name, facts.stream().map(value).map(v -> v == null ? null : v.toString())
                    .toArray(String[]::new));
        }
    }

    /** The customer changes of a batch, in order, as columns. */
    private static final class Lifecycle {
        final List<String> system = new ArrayList<>();
        final List<String> entity = new ArrayList<>();
        final List<String> key = new ArrayList<>();
        final List<String> status = new ArrayList<>();
        final List<String> changedAt = new ArrayList<>();
        final List<String> snapshot = new ArrayList<>();
    }

    private Optional<Fact> fact(CanonicalEvent event) {
        if (event.entity() == EntityType.ORDER) {
            Order o = read(event, Order.class);
            LocalDate day = o.orderDate() != null ? o.orderDate() : event.occurredAt().atZone(zone).toLocalDate();
            return Optional.of(fact(event, "order", orderKind(o.status()), o.customer(), null, day,
                    day.atStartOfDay(zone).toInstant(), o.totalAmount(), o.currency(), null, null, null, null, null));
        } else if (event.entity() == EntityType.ORDER_LINE) {
            OrderLine l = read(event, OrderLine.class);
            Instant at = event.occurredAt(); // a line is dated by its order; this date is never read
            return Optional.of(fact(event, "order_line", "ORDER_LINE", null, l.order(), at.atZone(zone).toLocalDate(),
                    at, l.amount(), null, l.unitCost() == null || l.quantity() == null ? null
                            : l.quantity().multiply(l.unitCost()), null, null, null, null));
        } else if (event.entity() == EntityType.PAYMENT) {
            Payment p = read(event, Payment.class);
            Instant at = p.paidAt() != null ? p.paidAt() : event.occurredAt();
            return Optional.of(fact(event, "payment", "PAYMENT", p.customer(), null, at.atZone(zone).toLocalDate(), at,
                    p.amount(), p.currency(), null, null, null, null, null));
        } else if (event.entity() == EntityType.INTERACTION) {
            Interaction i = read(event, Interaction.class);
            Instant at = i.openedAt() != null ? i.openedAt() : event.occurredAt();
            return Optional.of(fact(event, "interaction", i.kind() == null ? "CONTACT" : i.kind().name(), i.customer(),
                    null, at.atZone(zone).toLocalDate(), at, i.amount(), i.currency(), null, i.escalatedAt(),
                    i.resolvedAt(), i.score(), i.scaleMax()));
        }
        return Optional.empty();
    }

    private static Fact fact(CanonicalEvent event, String entity, String kind, EntityRef customer, EntityRef order,
                             LocalDate day, Instant at, BigDecimal amount, String currency, BigDecimal cost,
                             Instant escalatedAt, Instant resolvedAt, Integer score, Integer scaleMax) {
        return new Fact(event.source().system(), event.source().entity(), event.source().key(), entity, kind,
                customer, order == null ? null : order.entity(), order == null ? null : order.key(), day, at, amount,
                currency, cost, escalatedAt, resolvedAt, score, scaleMax, event.op() == ChangeOp.READ);
    }

    private void lifecycle(CanonicalEvent event, Lifecycle into) {
        if (event.op().isDelete() || event.payload() == null) {
            return;
        }
        Customer customer = read(event, Customer.class);
        if (customer.lifecycleStatus() == null) {
            return;
        }
        into.system.add(event.source().system());
        into.entity.add(event.source().entity());
        into.key.add(event.source().key());
        into.status.add(customer.lifecycleStatus().name());
        into.changedAt.add(event.occurredAt().toString());
        into.snapshot.add(String.valueOf(event.op() == ChangeOp.READ));
    }

    /**
     * A status is recorded when it differs from the record's last one: the first change of a record in the batch is
     * compared with the stored last status, each later one with the change before it (which is then the last one
     * recorded: a skipped change had the same status).
     */
    private static final String LIFECYCLE = """
            WITH b AS (
                SELECT * FROM unnest(CAST(:system AS text[]), CAST(:entity AS text[]), CAST(:key AS text[]),
                    CAST(:status AS text[]), CAST(:changedAt AS timestamptz[]), CAST(:snapshot AS boolean[]))
                    WITH ORDINALITY AS b(s, e, k, status, changed_at, snapshot, n)
            ), stored AS (
                SELECT r.s, r.e, r.k, (SELECT status FROM kpi_lifecycle WHERE source_system = r.s
                    AND source_entity = r.e AND source_key = r.k ORDER BY id DESC LIMIT 1) AS status
                FROM (SELECT DISTINCT s, e, k FROM b) r
            ), seq AS (
                SELECT b.*, CASE WHEN row_number() OVER w = 1 THEN stored.status ELSE lag(b.status) OVER w END
                    AS previous
                FROM b JOIN stored USING (s, e, k)
                WINDOW w AS (PARTITION BY b.s, b.e, b.k ORDER BY b.n)
            )
            INSERT INTO kpi_lifecycle (source_system, source_entity, source_key, status, previous_status,
                changed_at, snapshot)
            SELECT s, e, k, status, previous, changed_at, snapshot FROM seq
            WHERE status IS DISTINCT FROM previous ORDER BY n
            """;

    private static final String DELETE = """
            DELETE FROM kpi_fact f
            USING unnest(CAST(:system AS text[]), CAST(:entity AS text[]), CAST(:key AS text[])) AS d(s, e, k)
            WHERE f.source_system = d.s AND f.source_entity = d.e AND f.source_key = d.k
            """;

    /** One fact row per record, replaced whole on every change of it; the snapshot mark of its first sight stays. */
    private static final String UPSERT = """
            INSERT INTO kpi_fact (source_system, source_entity, source_key, entity, kind, customer_system,
                customer_entity, customer_key, order_entity, order_key, occurred_on, occurred_at, amount,
                currency, cost, escalated_at, resolved_at, score, scale_max, snapshot)
            SELECT * FROM unnest(CAST(:system AS text[]), CAST(:entity AS text[]), CAST(:key AS text[]),
                CAST(:entityType AS text[]), CAST(:kind AS text[]), CAST(:customerSystem AS text[]),
                CAST(:customerEntity AS text[]), CAST(:customerKey AS text[]), CAST(:orderEntity AS text[]),
                CAST(:orderKey AS text[]), CAST(:day AS date[]), CAST(:at AS timestamptz[]),
                CAST(:amount AS numeric[]), CAST(:currency AS text[]), CAST(:cost AS numeric[]),
                CAST(:escalatedAt AS timestamptz[]), CAST(:resolvedAt AS timestamptz[]), CAST(:score AS integer[]),
                CAST(:scaleMax AS integer[]), CAST(:snapshot AS boolean[]))
            ON CONFLICT (source_system, source_entity, source_key) DO UPDATE SET kind = EXCLUDED.kind,
                customer_system = EXCLUDED.customer_system, customer_entity = EXCLUDED.customer_entity,
                customer_key = EXCLUDED.customer_key, order_entity = EXCLUDED.order_entity,
                order_key = EXCLUDED.order_key, cost = EXCLUDED.cost, occurred_on = EXCLUDED.occurred_on,
                occurred_at = EXCLUDED.occurred_at, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
                escalated_at = EXCLUDED.escalated_at, resolved_at = EXCLUDED.resolved_at,
                score = EXCLUDED.score, scale_max = EXCLUDED.scale_max, applied_at = clock_timestamp()
            """;

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
