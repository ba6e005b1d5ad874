package io.crmhub.it.fuzz;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.mapping.MappingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.yaml.snakeyaml.Yaml;

/**
 * Column values of every source a mapping file reads (ERP tables, OA items, shop rows, SCM messages, partner
 * bodies) straight into the running hub's {@link MappingEngine}: every outcome is an event or a
 * {@link MappingException} naming the field, never another exception, and no reason quotes a personal value.
 */
final class MappingFuzz {

    /** Columns a mapping file reads, and which of them hold personal data. */
    record Source(String system, String entity, List<String> columns, Set<String> personal) {}

    private static final Arbitrary<Object> VALUE = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Hostile.textOrNull().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(v -> (Object) v)));
    private static final Arbitrary<ChangeOp> OP = Arbitraries.of(ChangeOp.class);

    private MappingFuzz() {}

    static List<Source> sources(String system) {
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("mappings", system))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Map<String, Object> doc = new Yaml().load(in);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> source = (Map<String, Object>) doc.get("source");
                    List<String> columns = new ArrayList<>();
                    Set<String> personal = new HashSet<>();
                    collect(doc.get("fields"), false, columns, personal);
                    sources.add(new Source((String) source.get("system"), (String) source.get("entity"),
                            columns, personal));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object fields, boolean pii, List<String> columns, Set<String> personal) {
        if (!(fields instanceof Map<?, ?> map)) {
            return;
        }
        for (Object spec : map.values()) {
            if (!(spec instanceof Map<?, ?> field)) {
                continue;
            }
            boolean personalField = pii || Boolean.TRUE.equals(field.get("pii"));
            Object from = field.get("from");
            List<String> names = from instanceof List<?> l ? (List<String>) l : from == null ? List.of()
                    : List.of(from.toString());
            for (String name : names) {
                if (!columns.contains(name)) {
                    columns.add(name);
                }
                if (personalField) {
                    personal.add(name);
                }
            }
            collect(field.get("object"), personalField, columns, personal);
        }
    }

    static void run(FuzzCampaign fuzz, MappingEngine engine, List<Source> sources) {
        for (int i = 0; i < FuzzCampaign.CASES; i++) {
            Source source = sources.get(fuzz.random().nextInt(sources.size()));
            Map<String, Object> row = new LinkedHashMap<>();
            List<String> personalValues = new ArrayList<>();
            Set<Object> otherValues = new HashSet<>();
            for (String column : source.columns()) {
                if (fuzz.random().nextInt(10) == 0) {
                    continue; // column missing altogether
                }
                Object value = fuzz.next(VALUE);
                row.put(column, value);
                if (source.personal().contains(column) && value instanceof String s) {
                    personalValues.add(s);
                } else {
                    otherValues.add(value);
                }
            }
            // a generated value sent in a personal and (within) a non-personal column may be quoted for the latter
            personalValues.removeIf(v -> otherValues.stream()
                    .anyMatch(o -> o instanceof String other && other.contains(v)));
            if (fuzz.random().nextInt(20) == 0) {
                row.put(fuzz.next(Hostile.text()), fuzz.next(Hostile.text())); // a column no mapping knows
            }
            String key = fuzz.random().nextInt(10) == 0 ? fuzz.next(Hostile.text()) : "FZ-" + i;
            SourceChange change = new SourceChange(source.system(), source.entity(), fuzz.next(OP), key,
                    "fuzz:" + i, i + 1L, Instant.parse("2024-06-04T05:00:00Z"), row);
            fuzz.countCase();
            try {
                engine.map(change, Instant.now());
            } catch (MappingException e) {
                fuzz.countRefused();
                fuzz.explained(e.getMessage(), personalValues, source.system() + "/" + source.entity() + " case " + i)
                ;
                if (e.field() == null || e.field().isBlank()) {
                    fuzz.unexplained(source.entity() + " case " + i + ": refusal names no field");
                }
            } catch (RuntimeException e) {
                fuzz.serverError(source.system() + "/" + source.entity() + " case " + i + ": " + e);
            }
        }
    }
}
