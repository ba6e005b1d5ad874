package io.crmhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every change on the canonical topics (schema: {@code canonical-event.v2.schema.json}).
 *
 * @param eventId        deterministic from source and position, so a re-delivered change has the same id
 * @param type           {@code <entity>.upserted} or {@code <entity>.deleted}
 * @param schemaVersion  version of this envelope and payload contract
 * @param entity         canonical entity
 * @param op             what happened at the source
 * @param source         source system, entity, key, position and sequence
 * @param mappingVersion {@code <mapping id>@<version>} that produced the payload
 * @param occurredAt     when the change happened at the source
 * @param ingestedAt     when the hub read it
 * @param payload        the canonical record (Customer, Order, OrderLine, Payment); null for deletes
 * @param issues         values the mapping left out of the payload and why; null when there are none
 */
public record CanonicalEvent(
        String eventId,
        String type,
        int schemaVersion,
        EntityType entity,
        ChangeOp op,
        SourceRef source,
        String mappingVersion,
        Instant occurredAt,
        Instant ingestedAt,
        JsonNode payload,
        java.util.List<DataIssue> issues) {

    /** 2: customers gained {@code birthDate} and {@code documents}; a version 1 event is a valid version 2 one. */
    public static final int SCHEMA_VERSION = 2;

    /** The oldest version still read: events on a topic outlive a deployment. */
    public static final int OLDEST_READ_VERSION = 1;

    public static String eventIdFor(SourceRef source, ChangeOp op) {
        String seed = source.qualifiedKey() + "@" + source.position() + "#" + source.sequence() + "/" + op;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String typeFor(EntityType entity, ChangeOp op) {
        return entity.id() + (op.isDelete() ? ".deleted" : ".upserted");
    }
}
