package io.crmhub.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.EntityRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A golden customer as partners see it: the golden fields (canonical Customer shape), which source record,
 * position, mapping version and survivorship rule produced each field, and the source records linked to it.
 * Match explanations and scores stay in the steward's identity API.
 *
 * @param version grows with every change of the golden customer; the REST ETag
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerView(UUID goldenId, String status, long version, Instant createdAt, Instant updatedAt,
                           JsonNode record, JsonNode provenance, List<Link> links) {

    /** A source record linked to the golden customer; {@code deleted} when the source deleted it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(EntityRef source, String rule, Instant linkedAt, boolean deleted) {}
}
