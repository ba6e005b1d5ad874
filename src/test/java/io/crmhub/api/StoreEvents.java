package io.crmhub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Canonical events of other sources (an ERP customer, its orders, payments, interactions) for the store. */
final class StoreEvents {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());

    private StoreEvents() {}

    static CanonicalEvent of(EntityType type, String system, String entity, String key, Map<String, Object> payload) {
        long sequence = SEQUENCE.incrementAndGet();
        SourceRef source = new SourceRef(system, entity, key, "pos-" + sequence, sequence);
        ObjectNode body = CanonicalJson.mapper().valueToTree(payload);
        return new CanonicalEvent(CanonicalEvent.eventIdFor(source, ChangeOp.CREATE),
                CanonicalEvent.typeFor(type, ChangeOp.CREATE), CanonicalEvent.SCHEMA_VERSION, type, ChangeOp.CREATE,
                source, system + "@1", Instant.now(), Instant.now(), body, null);
    }

    /** The source deleted the record (a soft delete in the store, identity re-computes its golden customer). */
    static CanonicalEvent deleted(EntityType type, String system, String entity, String key) {
        long sequence = SEQUENCE.incrementAndGet();
        SourceRef source = new SourceRef(system, entity, key, "pos-" + sequence, sequence);
        return new CanonicalEvent(CanonicalEvent.eventIdFor(source, ChangeOp.DELETE),
                CanonicalEvent.typeFor(type, ChangeOp.DELETE), CanonicalEvent.SCHEMA_VERSION, type, ChangeOp.DELETE,
                source, system + "@1", Instant.now(), Instant.now(), null, null);
    }

    static Map<String, String> ref(String system, String entity, String key) {
        return Map.of("system", system, "entity", entity, "key", key);
    }
}
