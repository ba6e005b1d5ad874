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

    /**
     * The event's id: deterministic, so a re-delivered change gets the same one, and ordered by the change's source
     * sequence, so that the store's {@code change_log} primary key grows at its right edge instead of at a random
     * leaf of a large index (lab, 1,500,000 log rows: 10.9 s against 15.1 s, an index a quarter smaller;
     * docs/benchmarks.md). A version 8 UUID: the sequence without its 16 lowest bits in the first 48 bits (the changes
     * of one window of 65,536 sequence units share a prefix), then the 74 bits of the version 3 (MD5) UUID of
     * {@code <system>:<entity>:<key>@<position>#<sequence>/<op>} that the version and variant leave, which keep ids
     * of different changes apart (as before, when the whole id was that version 3 UUID).
     */
    public static String eventIdFor(SourceRef source, ChangeOp op) {
        String seed = source.qualifiedKey() + "@" + source.position() + "#" + source.sequence() + "/" + op;
        UUID named = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        long prefix = source.sequence() >>> 16; // 48 bits
        long high = prefix << 16 | 0x8000L | (named.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, named.getLeastSignificantBits()).toString(); // variant bits as nameUUIDFromBytes set them
    }

    public static String typeFor(EntityType entity, ChangeOp op) {
        return entity.id() + (op.isDelete() ? ".deleted" : ".upserted");
    }
}
