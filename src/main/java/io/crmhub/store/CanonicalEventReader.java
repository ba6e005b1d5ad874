package io.crmhub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import org.springframework.stereotype.Component;

/** Reads and checks a canonical event from a topic; anything malformed is rejected with a specific reason. */
@Component("canonicalEventReader")
public class CanonicalEventReader {

    public CanonicalEvent read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty message");
        }
        CanonicalEvent e;
        try {
            e = CanonicalJson.mapper().readValue(json, CanonicalEvent.class);
        } catch (JsonProcessingException ex) {
            // the parser's message quotes the input, which may be personal data: keep only the location
            throw new InvalidEventException("not a canonical event: malformed JSON at line "
                    + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr());
        }
        require(e.eventId() != null, "eventId is missing");
        require(isUuid(e.eventId()), "eventId is not a UUID");
        require(e.entity() != null, "entity is missing");
        require(e.op() != null, "op is missing");
        require(e.source() != null && e.source().system() != null && e.source().key() != null,
                "source system/key is missing");
        require(e.source().position() != null, "source position is missing");
        require(e.occurredAt() != null, "occurredAt is missing");
        require(e.ingestedAt() != null, "ingestedAt is missing");
        require(e.op().isDelete() || (e.payload() != null && e.payload().isObject()),
                "payload is missing for a " + e.op() + " event");
        require(e.schemaVersion() >= CanonicalEvent.OLDEST_READ_VERSION
                        && e.schemaVersion() <= CanonicalEvent.SCHEMA_VERSION,
                "unsupported schemaVersion " + e.schemaVersion());
        return e;
    }

    private static boolean isUuid(String id) {
        try {
            java.util.UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new InvalidEventException("not a canonical event: " + reason);
        }
    }
}
