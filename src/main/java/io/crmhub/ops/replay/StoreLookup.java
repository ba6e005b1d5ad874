package io.crmhub.ops.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** For a dry run: what the store holds for the event's record, and what applying the event would do to it. */
@Component
class StoreLookup {

    private static final Map<EntityType, String> TABLES = Map.of(EntityType.CUSTOMER, "customer_record",
            EntityType.ORDER, "order_record", EntityType.ORDER_LINE, "order_line_record",
            EntityType.PAYMENT, "payment_record", EntityType.INTERACTION, "interaction_record",
            EntityType.SHIPMENT, "shipment_record");

    private final NamedParameterJdbcTemplate jdbc;

    StoreLookup(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The same decision as {@code CanonicalStore.apply}: applied only when newer; duplicate when applied before. */
    ReplayResult predict(DeadLetterView dl, CanonicalEvent e) {
        MapSqlParameterSource p = new MapSqlParameterSource("system", e.source().system())
                .addValue("entity", e.source().entity()).addValue("key", e.source().key())
                .addValue("eventId", UUID.fromString(e.eventId()));
        List<Object[]> held = jdbc.query("SELECT source_sequence, payload::text FROM " + TABLES.get(e.entity())
                + " WHERE source_system = :system AND source_entity = :entity AND source_key = :key", p,
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
        Long storeSequence = held.isEmpty() ? null : (Long) held.get(0)[0];
        boolean seen = jdbc.queryForObject("SELECT count(*) FROM change_log WHERE event_id = :eventId", p,
                Long.class) > 0;
        String outcome = storeSequence == null || storeSequence < e.source().sequence() ? "APPLIED"
                : seen ? "DUPLICATE" : "STALE";
        return new ReplayResult(dl.id(), e.source().qualifiedKey(), outcome, dl.status(), e.entity().id(),
                e.mappingVersion(), null, e.source().sequence(), storeSequence, e.payload(),
                held.isEmpty() ? null : json((String) held.get(0)[1]));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : CanonicalJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("store payload is not JSON", e);
        }
    }
}
