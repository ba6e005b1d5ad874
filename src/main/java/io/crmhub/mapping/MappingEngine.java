package io.crmhub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.IdentityDocuments;
import io.crmhub.canonical.DataIssue;
import io.crmhub.canonical.SourceChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns source changes into canonical events by following the declarative mapping files. Immutable and
 * thread-safe once loaded.
 */
public final class MappingEngine {

    /** Every mapping file on the classpath; identity rules under {@code mappings/identity/} are skipped. */
    public static final String DEFAULT_LOCATIONS = "classpath*:mappings/**/*.yaml";

    private final Map<String, EntityMapping> bySource = new TreeMap<>();

    private MappingEngine(Collection<EntityMapping> mappings) {
        for (EntityMapping mapping : mappings) {
            EntityMapping previous = bySource.put(mapping.sourceKey(), mapping);
            if (previous != null) {
                throw new MappingDefinitionException(mapping.file(), null, "maps " + mapping.sourceKey()
                        + ", which " + previous.file() + " already maps");
            }
        }
    }

    /** Loads the mapping files at {@link #DEFAULT_LOCATIONS}. */
    public static MappingEngine load() {
        return load(DEFAULT_LOCATIONS);
    }

    /**
     * Loads every mapping file matching the patterns.
     *
     * @param locations comma-separated Spring resource patterns, e.g. {@code classpath*:mappings/**}{@code /*.yaml}
     * @throws MappingDefinitionException naming the file and field when a mapping is invalid
     */
    public static MappingEngine load(String locations) {
        return new MappingEngine(MappingLoader.load(locations));
    }

    /** {@code <system>/<entity>} of every source this engine can map, sorted. */
    public List<String> sources() {
        return List.copyOf(bySource.keySet());
    }

    /** {@code <mapping id>@<version>} that maps this source entity, e.g. for metrics labels. */
    public String mappingVersion(String system, String entity) throws MappingException {
        return find(system, entity).mappingVersion();
    }

    /**
     * Maps one source change. Deletes carry no payload and are not validated: the row of a deleted record
     * may be incomplete and must never block the delete.
     *
     * @throws MappingException when there is no mapping or a value is invalid; the message is safe to log
     */
    public CanonicalEvent map(SourceChange change, Instant ingestedAt) throws MappingException {
        return mapWithRecord(change, ingestedAt).event();
    }

    /**
     * A source change mapped: its event, and the canonical record the event's payload was written from (null for a
     * delete) — for a caller in this process that would otherwise read the payload straight back. A customer reads
     * back equal to it; an amount may read back as an equal number of another scale (500 as 5E+2).
     */
    public record Mapped(CanonicalEvent event, Record record) {}

    /** As {@link #map}, with the canonical record the payload was written from. */
    public Mapped mapWithRecord(SourceChange change, Instant ingestedAt) throws MappingException {
        EntityMapping mapping = find(change.system(), change.entity());
        List<DataIssue> issues = new ArrayList<>();
        Record mapped = record(mapping, change, issues);
        JsonNode payload = mapped == null ? null : CanonicalJson.mapper().valueToTree(mapped);
        return new Mapped(new CanonicalEvent(
                CanonicalEvent.eventIdFor(change.sourceRef(), change.op()),
                CanonicalEvent.typeFor(mapping.target(), change.op()),
                CanonicalEvent.SCHEMA_VERSION,
                mapping.target(),
                change.op(),
                change.sourceRef(),
                mapping.mappingVersion(),
                change.occurredAt(),
                ingestedAt,
                payload,
                issues.isEmpty() ? null : List.copyOf(issues)), mapped);
    }

    /**
     * The canonical record a source change maps to (null for a delete), without the event and its payload — for a
     * caller in this process that only reads the record (the dry run): the same checks and rejections as {@link #map}.
     * The data issues the event would list are not returned.
     */
    public Record mapRecord(SourceChange change) throws MappingException {
        return record(find(change.system(), change.entity()), change, new ArrayList<>());
    }

    private static Record record(EntityMapping mapping, SourceChange change, List<DataIssue> issues)
            throws MappingException {
        int at = ControlCharacters.find(change.key(), false);
        if (at >= 0) {
            throw new MappingException(change.entity() + ".<key>", "the source key "
                    + ControlCharacters.describe(change.key(), at));
        }
        Record mapped = change.op().isDelete() ? null : FieldEvaluator.build(mapping.recordType(), mapping.fields(),
                change.row() == null ? Map.of() : change.row(), issues);
        if (mapped instanceof Customer customer) {
            mapped = IdentityDocuments.check(customer, change.entity(), issues);
        }
        return mapped;
    }

    /**
     * A system {@code <family>:<instance>} (e.g. {@code partner:acme}) without a file of its own uses its family's
     * mapping ({@code mappings/partner/}): every partner speaks the same canonical API, and one file per partner
     * would only drift apart.
     */
    private EntityMapping find(String system, String entity) throws MappingException {
        EntityMapping mapping = bySource.get(system + "/" + entity);
        int instance = system.indexOf(':');
        if (mapping == null && instance > 0) {
            mapping = bySource.get(system.substring(0, instance) + "/" + entity);
        }
        if (mapping == null) {
            throw MappingException.noMapping(system, entity);
        }
        return mapping;
    }
}
