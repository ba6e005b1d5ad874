package io.crmhub.canonical;

import java.time.Instant;
import java.util.Map;

/**
 * A change read from a source system, already converted at the boundary from the transport's types
 * (Debezium Struct, CXF object, CSV row) into plain values: String, Long, Integer, Boolean, or null.
 * Numeric and date columns arrive as strings (ISO-8601 for dates and timestamps), so no precision is lost.
 *
 * @param system   source system id, e.g. {@code erp}
 * @param entity   source entity, e.g. {@code customers}
 * @param op       create, update, delete or read (snapshot)
 * @param key      source key of the record
 * @param position source position (e.g. the LSN)
 * @param sequence grows with every change of one source record
 * @param occurredAt when it happened at the source
 * @param row      column name → value; for deletes the last known row (or only the key columns)
 */
public record SourceChange(
        String system,
        String entity,
        ChangeOp op,
        String key,
        String position,
        long sequence,
        Instant occurredAt,
        Map<String, Object> row) {

    public SourceRef sourceRef() {
        return new SourceRef(system, entity, key, position, sequence);
    }
}
