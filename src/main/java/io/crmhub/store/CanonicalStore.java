package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies canonical events to the CRM store with an exactly-once effect: a change is applied only when
 * its source sequence is higher than the one stored for that source record, so re-deliveries and late,
 * older changes change nothing and are counted ({@code hub_store_events_total{outcome}}).
 * Deletes are soft: the record keeps its last payload and gains the deletion time and position.
 * {@link AppliedChangeListener}s (identity resolution) run inside the apply transaction.
 */
@Component("canonicalStore")
public class CanonicalStore {

    private static final Map<EntityType, String> TABLES = Map.of(
            EntityType.CUSTOMER, "customer_record",
            EntityType.ORDER, "order_record",
            EntityType.ORDER_LINE, "order_line_record",
            EntityType.PAYMENT, "payment_record",
            EntityType.INTERACTION, "interaction_record",
            EntityType.SHIPMENT, "shipment_record");

    private static final String UPSERT = """
            INSERT INTO %s AS r (source_system, source_entity, source_key, payload, source_position,
                source_sequence, mapping_version, last_event_id, last_op, occurred_at, deleted_at, deleted_position,
                data_issues)
            VALUES (:system, :entity, :key, CAST(:payload AS jsonb), :position, :sequence, :mappingVersion,
                :eventId, :op, :occurredAt, :deletedAt, :deletedPosition, CAST(:issues AS jsonb))
            ON CONFLICT (source_system, source_entity, source_key) DO UPDATE SET
                payload = COALESCE(EXCLUDED.payload, r.payload),
                source_position = EXCLUDED.source_position,
                source_sequence = EXCLUDED.source_sequence,
                mapping_version = COALESCE(EXCLUDED.mapping_version, r.mapping_version),
                last_event_id = EXCLUDED.last_event_id,
                last_op = EXCLUDED.last_op,
                occurred_at = EXCLUDED.occurred_at,
                applied_at = clock_timestamp(),
                deleted_at = EXCLUDED.deleted_at,
                deleted_position = EXCLUDED.deleted_position,
                data_issues = CASE WHEN EXCLUDED.last_op = 'DELETE' THEN r.data_issues ELSE EXCLUDED.data_issues END
            WHERE r.source_sequence < EXCLUDED.source_sequence
            """;

    private static final String LOG_CHANGE = """
            INSERT INTO change_log (event_id, entity, op, source_system, source_entity, source_key,
                source_position, source_sequence, mapping_version, occurred_at, ingested_at)
            VALUES (:eventId, :entityType, :op, :system, :entity, :key, :position, :sequence, :mappingVersion,
                :occurredAt, :ingestedAt)
            """;

    private static final String WAS_APPLIED = "SELECT count(*) FROM change_log WHERE event_id = :eventId";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Map<EntityType, Map<ApplyOutcome, Counter>> counters = new EnumMap<>(EntityType.class);
    private final List<AppliedChangeListener> listeners;

    public CanonicalStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, MeterRegistry registry,
                          List<AppliedChangeListener> listeners) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.listeners = List.copyOf(listeners);
        for (EntityType type : EntityType.values()) {
            Map<ApplyOutcome, Counter> byOutcome = new EnumMap<>(ApplyOutcome.class);
            for (ApplyOutcome outcome : ApplyOutcome.values()) {
                byOutcome.put(outcome, Counter.builder("hub.store.events")
                        .description("Canonical events applied to the CRM store, by outcome")
                        .tag("entity", type.id()).tag("outcome", outcome.name().toLowerCase())
                        .register(registry));
            }
            counters.put(type, byOutcome);
        }
    }

    public ApplyOutcome apply(CanonicalEvent event) {
        ApplyOutcome outcome = tx.execute(status -> applyInTransaction(event));
        counters.get(event.entity()).get(outcome).increment();
        return outcome;
    }

    private ApplyOutcome applyInTransaction(CanonicalEvent e) {
        MapSqlParameterSource p = parameters(e);
        int changed = jdbc.update(UPSERT.formatted(TABLES.get(e.entity())), p);
        if (changed == 1) {
            jdbc.update(LOG_CHANGE, p);
            // In the same transaction: a customer is never stored without its identity link, nor linked unstored.
            listeners.forEach(listener -> listener.applied(e));
            return ApplyOutcome.APPLIED;
        }
        Long seen = jdbc.queryForObject(WAS_APPLIED, p, Long.class);
        return seen != null && seen > 0 ? ApplyOutcome.DUPLICATE : ApplyOutcome.STALE;
    }

    private static MapSqlParameterSource parameters(CanonicalEvent e) {
        boolean delete = e.op().isDelete();
        Timestamp occurred = Timestamp.from(e.occurredAt());
        return new MapSqlParameterSource()
                .addValue("system", e.source().system())
                .addValue("entity", e.source().entity())
                .addValue("key", e.source().key())
                .addValue("payload", delete || e.payload() == null ? null : e.payload().toString())
                .addValue("position", e.source().position())
                .addValue("sequence", e.source().sequence())
                .addValue("mappingVersion", e.mappingVersion())
                .addValue("eventId", UUID.fromString(e.eventId()))
                .addValue("op", e.op().name())
                .addValue("entityType", e.entity().id())
                .addValue("occurredAt", occurred)
                .addValue("ingestedAt", Timestamp.from(e.ingestedAt()))
                .addValue("deletedAt", delete ? occurred : null)
                .addValue("deletedPosition", delete ? e.source().position() : null)
                .addValue("issues", e.issues() == null || e.issues().isEmpty() ? null : CanonicalJson.write(e.issues()));
    }
}
