package io.crmhub.ops.deadletter;

import java.time.Instant;

/**
 * A record the hub could not map or apply, as published on the dead-letter topic and kept in the
 * {@code dead_letter} table.
 *
 * @param routeId        route where it failed
 * @param sourceSystem   source system, if known
 * @param sourceEntity   source entity, if known
 * @param sourceKey      source key, if known
 * @param sourcePosition source position (LSN, offset, file#line), if known
 * @param field          the field that failed, if the failure is about one field
 * @param reason         specific, personal-data-free reason
 * @param errorClass     exception type
 * @param rawRecord      the record as received, for inspection and replay
 * @param failedAt       when it failed
 */
public record DeadLetter(
        String routeId,
        String sourceSystem,
        String sourceEntity,
        String sourceKey,
        String sourcePosition,
        String field,
        String reason,
        String errorClass,
        String rawRecord,
        Instant failedAt) {}
