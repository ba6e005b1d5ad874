package io.crmhub.ops.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.CanonicalEventPublisher;
import io.crmhub.mapping.MappingException;
import io.crmhub.store.CanonicalEventReader;
import org.springframework.stereotype.Component;

/**
 * A dead letter's raw record back into a canonical event, by what the route kept: a source change (mapping failed:
 * ERP, OA, backfill) is mapped again with the current mappings; a canonical event (the store refused it) is read
 * and checked again. Anything else (an SCM message that was not JSON, an OA item without id) cannot be rebuilt
 * here: the source has to send it again.
 */
@Component
class RawRecords {

    /** Why a raw record cannot be replayed; the message is safe to show and store (never quotes the record). */
    static final class NotReplayable extends Exception {
        NotReplayable(String reason) {
            super(reason);
        }
    }

    private final CanonicalEventPublisher mapper;
    private final CanonicalEventReader reader;

    RawRecords(CanonicalEventPublisher mapper, CanonicalEventReader reader) {
        this.mapper = mapper;
        this.reader = reader;
    }

    CanonicalEvent toEvent(String raw) throws NotReplayable, MappingException {
        if (raw == null || raw.isBlank()) {
            throw new NotReplayable("not replayable: the dead letter holds no raw record");
        }
        JsonNode node;
        try {
            node = CanonicalJson.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw new NotReplayable("not replayable: the raw record is not JSON; the source must send it again");
        }
        if (node.hasNonNull("eventId") && node.has("schemaVersion")) {
            return reader.read(raw);
        }
        if (node.hasNonNull("system") && node.hasNonNull("entity") && node.hasNonNull("op") && node.has("row")) {
            try {
                return mapper.map(CanonicalJson.mapper().treeToValue(node, SourceChange.class));
            } catch (JsonProcessingException e) {
                throw new NotReplayable("not replayable: the raw source change does not read back");
            }
        }
        throw new NotReplayable("not replayable: the raw record is neither a source change nor a canonical event;"
                + " the source must send it again");
    }
}
