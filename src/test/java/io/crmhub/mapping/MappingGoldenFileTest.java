package io.crmhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden case under {@code src/test/resources/golden/<system>/<entity>/}: {@code <Case>.input.json}
 * is a source change, {@code <Case>.expected.json} the canonical event it must become (without
 * {@code ingestedAt}, which the test fixes) or {@code <Case>.expected-error.json} the field and reason of
 * the {@link MappingException} it must raise. Adding a case is adding files; no Java changes.
 */
class MappingGoldenFileTest {

    private static final Instant INGESTED_AT = Instant.parse("2024-06-04T06:00:00Z");
    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private static MappingEngine engine;

    @BeforeAll
    static void loadMappings() {
        engine = MappingEngine.load();
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(
                MappingGoldenFileTest.class.getResource("/golden"), "no golden folder on the test classpath").toURI());
        return Files.walk(root)
                .filter(p -> p.getFileName().toString().endsWith(".input.json"))
                .sorted()
                .map(p -> Arguments.of(root.relativize(p).toString().replace(".input.json", ""), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsAsExpected(String name, Path input) throws Exception {
        SourceChange change = readChange(input);
        Path expected = sibling(input, ".expected.json");
        Path expectedError = sibling(input, ".expected-error.json");
        assertThat(Files.exists(expected) ^ Files.exists(expectedError))
                .as("%s needs exactly one of .expected.json and .expected-error.json", name).isTrue();

        if (Files.exists(expected)) {
            CanonicalEvent event = engine.map(change, INGESTED_AT);
            ObjectNode want = (ObjectNode) JSON.readTree(expected.toFile());
            want.put("ingestedAt", INGESTED_AT.toString());
            // Compare the wire form: a tree straight from valueToTree distinguishes LongNode from IntNode.
            JsonNode got = JSON.readTree(JSON.writeValueAsString(event));
            assertThat(got).as(name).isEqualTo(want);
            // a customer may be taken as mapped instead of read back from the payload: the two must agree (amounts
            // need not: 500 reads back as 5E+2, an equal value of another scale)
            MappingEngine.Mapped mapped = engine.mapWithRecord(change, INGESTED_AT);
            assertThat(mapped.event()).as(name).isEqualTo(event);
            if (mapped.record() == null) {
                assertThat(event.payload()).as(name).isNull();
            } else if (mapped.record() instanceof Customer customer) {
                assertThat(customer).as(name).isEqualTo(JSON.treeToValue(event.payload(), Customer.class));
            }
            // the record alone, without an event (the dry run's way): the very same record
            assertThat(engine.mapRecord(change)).as(name).isEqualTo(mapped.record());
        } else {
            MappingException error = catchThrowableOfType(MappingException.class, () -> engine.map(change, INGESTED_AT));
            JsonNode want = JSON.readTree(expectedError.toFile());
            assertThat(error).as("%s must fail", name).isNotNull();
            assertThat(error.field()).as(name).isEqualTo(want.path("field").asText());
            assertThat(error.reason()).as(name).isEqualTo(want.path("reason").asText());
            // the record alone is refused for the same field and reason
            MappingException recordError = catchThrowableOfType(MappingException.class,
                    () -> engine.mapRecord(change));
            assertThat(recordError).as("%s must fail without an event too", name).isNotNull();
            assertThat(recordError.field()).as(name).isEqualTo(error.field());
            assertThat(recordError.reason()).as(name).isEqualTo(error.reason());
        }
    }

    /** The system and entity come from the folder, the rest from the small wrapper in the file. */
    private static SourceChange readChange(Path input) throws IOException {
        JsonNode json = JSON.readTree(input.toFile());
        Path entityDir = input.getParent();
        @SuppressWarnings("unchecked")
        Map<String, Object> row = JSON.convertValue(json.get("row"), Map.class);
        // The CDC converter delivers BIGINT keys as Long; JSON parsing would give Integer for small ones.
        row.replaceAll((column, v) -> v instanceof Integer i && (column.equals("id") || column.endsWith("_id"))
                ? Long.valueOf(i) : v);
        return new SourceChange(
                entityDir.getParent().getFileName().toString(),
                entityDir.getFileName().toString(),
                ChangeOp.valueOf(json.path("op").asText()),
                json.path("key").asText(),
                json.path("position").asText(),
                json.path("sequence").asLong(),
                Instant.parse(json.path("occurredAt").asText()),
                row);
    }

    private static Path sibling(Path input, String suffix) {
        return input.resolveSibling(input.getFileName().toString().replace(".input.json", suffix));
    }
}
