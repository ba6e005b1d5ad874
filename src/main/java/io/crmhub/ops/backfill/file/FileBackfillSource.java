package io.crmhub.ops.backfill.file;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.EntityType;
import io.crmhub.connector.shop.EncodingDetector;
import io.crmhub.connector.shop.FileFacts;
import io.crmhub.connector.shop.ShopConnectorProperties;
import io.crmhub.connector.shop.ShopExport;
import io.crmhub.mapping.MappingDefinitionException;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.BackfillRequest;
import io.crmhub.ops.backfill.BackfillSource;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Backfill from a flat export file ({@code --hub.backfill.source=file --hub.backfill.file=export.csv
 * --hub.backfill.mapping=mapping.yaml}): a CSV file with a header row, read like a shop file (encoding detected,
 * bad lines into {@code rejects/<name>.rejects.csv} next to it), each row mapped by the given mapping file — the dry
 * run's format: one mapping, whose {@code source} names the system and entity the store keeps the records under, to
 * any canonical entity. A record's key is its own number in the mapped record (a customer's {@code number}, as the
 * dry run's record id; an order's {@code orderNumber}, …), else {@code line-<n>}. Sequence: the export's time (stamp
 * in the file name, else its last-modified time) × 10⁹ + line, kept by the run, so a later export of the same records
 * wins and a re-read line is a duplicate. The run is the file's: the same command resumes it, and refuses to when
 * the file's content (SHA-256) changed meanwhile.
 */
@Component
public class FileBackfillSource implements BackfillSource {

    private final ShopConnectorProperties shop;
    private final Map<String, MappingEngine> mappings = new ConcurrentHashMap<>();

    /** The field of each canonical entity that holds the record's own number. */
    private static final Map<EntityType, String> KEY_FIELDS = Map.of(EntityType.CUSTOMER, "number",
            EntityType.ORDER, "orderNumber", EntityType.PAYMENT, "receiptNumber", EntityType.INTERACTION, "reference",
            EntityType.SHIPMENT, "shipmentNumber");

    /**
     * The key the store keeps a mapped line's record under: the record's own number (a customer's {@code number}, an
     * order's {@code orderNumber}, …), else {@code line-<n>}. The dry run keys the same lines the same way.
     */
    public static String recordKey(CanonicalEvent mapped, long line) {
        String field = KEY_FIELDS.get(mapped.entity());
        return recordKey(field == null || mapped.payload() == null ? null : mapped.payload().path(field).asText(null),
                line);
    }

    /** As {@link #recordKey(CanonicalEvent, long)}, from the record's own number as mapped (null for none). */
    public static String recordKey(String ownNumber, long line) {
        return ownNumber == null || ownNumber.isBlank() ? "line-" + line : ownNumber;
    }

    public FileBackfillSource(ShopConnectorProperties shop) {
        this.shop = shop;
    }

    @Override
    public String system() {
        return BackfillRequest.FILE;
    }

    @Override
    public BackfillRequest prepare(BackfillRequest request) {
        if (request.from() != null || request.to() != null) {
            throw new BackfillException("file: no range (from/to); the whole file is read");
        }
        Path file = Path.of(request.file()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BackfillException("file: hub.backfill.file " + file + " is not a readable file");
        }
        String[] source = source(request.mapping());
        if (request.entity() != null && !request.entity().equals(source[1])) {
            throw new BackfillException("file: the mapping " + request.mapping() + " reads " + source[0] + "/"
                    + source[1] + ", not entity '" + request.entity() + "'");
        }
        return request.withEntity(source[1]).withFile(file.toString());
    }

    @Override
    public String storeSystem(BackfillRequest request) {
        return source(request.mapping())[0];
    }

    @Override
    public SourceSnapshot open(String entity, String from, String to, OptionalLong runSequence) {
        throw new BackfillException("file: needs hub.backfill.file and hub.backfill.mapping");
    }

    @Override
    public SourceSnapshot open(BackfillRequest request, OptionalLong runSequence) {
        Path file = Path.of(request.file());
        String[] source = source(request.mapping());
        String name = file.getFileName().toString();
        try {
            FileFacts facts = EncodingDetector.detect(file);
            ShopExport export = ShopExport.of(name, Files.getLastModifiedTime(file), shop.zone());
            long base = runSequence.isPresent() ? runSequence.getAsLong() : export.sequence(0);
            Path rejects = file.resolveSibling("rejects").resolve(name + ".rejects.csv");
            return new FileSnapshot(file, facts, engine(request.mapping()), source[0], source[1], base,
                    export.exportedAt(), rejects, shop.maxLineLength());
        } catch (IOException e) {
            throw new BackfillException("file: cannot read " + name + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** {system, entity} of the one mapping in the mapping file. */
    private String[] source(String mapping) {
        MappingEngine engine = engine(mapping);
        if (engine.sources().size() != 1) {
            throw new BackfillException("file: the mapping file must hold exactly one mapping, found "
                    + engine.sources());
        }
        return engine.sources().get(0).split("/", 2);
    }

    private MappingEngine engine(String mapping) {
        String location = mapping.startsWith("classpath") || mapping.startsWith("file:") ? mapping
                : "file:" + Path.of(mapping).toAbsolutePath().normalize();
        try {
            return mappings.computeIfAbsent(location, MappingEngine::load);
        } catch (MappingDefinitionException e) {
            throw new BackfillException("file: mapping " + mapping + ": " + e.getMessage(), e);
        }
    }
}
