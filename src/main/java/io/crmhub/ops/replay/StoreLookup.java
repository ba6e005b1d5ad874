package io.crmhub.ops.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.ops.deadletter.DeadLetterView;
import io.crmhub.store.StoredRecords;
import io.crmhub.store.StoredRecords.Held;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** For a dry run: what the store holds for the event's record, and what applying the event would do to it. */
@Component
class StoreLookup {

    private final StoredRecords records;

    StoreLookup(StoredRecords records) {
        this.records = records;
    }

    /** The same decision as {@code CanonicalStore.apply}: applied only when newer; duplicate when applied before. */
    ReplayResult predict(DeadLetterView dl, CanonicalEvent e) {
        Optional<Held> held = records.held(e.entity(), e.source().system(), e.source().entity(), e.source().key());
        Long storeSequence = held.map(Held::sequence).orElse(null);
        boolean seen = records.applied(e.eventId());
        String outcome = storeSequence == null || storeSequence < e.source().sequence() ? "APPLIED"
                : seen ? "DUPLICATE" : "STALE";
        return new ReplayResult(dl.id(), e.source().qualifiedKey(), outcome, dl.status(), e.entity().id(),
                e.mappingVersion(), null, e.source().sequence(), storeSequence, e.payload(),
                held.map(h -> json(h.payload())).orElse(null));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : CanonicalJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("store payload is not JSON", e);
        }
    }
}
