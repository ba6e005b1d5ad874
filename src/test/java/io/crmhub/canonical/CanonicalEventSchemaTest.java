package io.crmhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema ({@code schema/canonical-event.v2.schema.json}) must accept every event the
 * hub writes and reject events that break the contract, because partner systems and future connectors
 * validate against it instead of reading the Java records.
 */
class CanonicalEventSchemaTest {

    private static final String SCHEMA = "/schema/canonical-event.v2.schema.json";
    /** The golden files leave {@code ingestedAt} out; MappingGoldenFileTest fixes it to a constant too. */
    private static final String INGESTED_AT = "2024-06-04T06:00:00Z";
    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Objects.requireNonNull(CanonicalEventSchemaTest.class.getResourceAsStream(SCHEMA),
                "schema not on the classpath: " + SCHEMA)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    static Stream<Arguments> goldenEvents() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(
                CanonicalEventSchemaTest.class.getResource("/golden"), "no golden folder on the test classpath").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted().toList();
        }
        assertThat(files).as("golden events").isNotEmpty();
        return files.stream().map(p -> Arguments.of(root.relativize(p).toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void everyGoldenEventIsValid(String name, Path file) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
        event.put("ingestedAt", INGESTED_AT);
        assertThat(validate(event)).as(name).isEmpty();
    }

    @Test
    void fullyPopulatedRecordsSerialisedByCanonicalJsonAreValid() throws IOException {
        Instant now = Instant.now(); // sub-second precision, as the hub writes ingestedAt
        EntityRef customerRef = new EntityRef("erp", "customers", "1001");
        EntityRef orderRef = new EntityRef("erp", "sales_orders", "5001");
        Customer customer = new Customer("C0012", Customer.PartyKind.ORGANISATION, "上海明远贸易有限公司", "王芳",
                List.of("wang.fang@mingyuan.cn"), List.of(new Customer.Phone("+8613912345678", "mobile")),
                List.of(new Customer.Address("CN", "上海", "上海", "世纪大道100号", "200120")),
                "91310115MA1H7GXY2K", "批发贸易", "李明", Customer.LifecycleStatus.CUSTOMER);
        Customer person = new Customer("P0007", Customer.PartyKind.PERSON, "王芳", null, List.of(), List.of(),
                List.of(), null, null, null, Customer.LifecycleStatus.LEAD, LocalDate.of(1990, 3, 7),
                List.of(new Customer.Document(Customer.DocumentType.CN_RESIDENT_ID, "110105199003070025", "CN"),
                        new Customer.Document(Customer.DocumentType.PASSPORT, "E12345678", "CN")));
        Order order = new Order("SO-1", customerRef, Order.Channel.SHOP, LocalDate.of(2024, 6, 4),
                Order.OrderStatus.SHIPPED, "CNY", new BigDecimal("1234.50"));
        OrderLine line = new OrderLine(orderRef, 1, "SKU-1", "Bearing", new BigDecimal("0.001"),
                new BigDecimal("411.5000"), new BigDecimal("0.41"), new BigDecimal("300.25"));
        Payment payment = new Payment("RC-1", orderRef, customerRef, new BigDecimal("-1.00E+3"), "USD", now,
                Payment.PaymentMethod.OTHER);

        List<Map.Entry<EntityType, Object>> records = List.of(Map.entry(EntityType.CUSTOMER, customer),
                Map.entry(EntityType.CUSTOMER, person), Map.entry(EntityType.ORDER, order),
                Map.entry(EntityType.ORDER_LINE, line), Map.entry(EntityType.PAYMENT, payment));
        for (Map.Entry<EntityType, Object> r : records) {
            EntityType entity = r.getKey();
            Object record = r.getValue();
            for (ChangeOp op : ChangeOp.values()) {
                SourceRef src = new SourceRef("erp", "t", "1", "lsn:42,tx:7", 42L);
                CanonicalEvent event = new CanonicalEvent(CanonicalEvent.eventIdFor(src, op),
                        CanonicalEvent.typeFor(entity, op), CanonicalEvent.SCHEMA_VERSION, entity, op, src, "m@1",
                        now, now, op.isDelete() ? null : JSON.valueToTree(record), null);
                JsonNode wire = JSON.readTree(JSON.writeValueAsString(event));
                assertThat(validate(wire)).as("%s %s: %s", entity, op, wire).isEmpty();
            }
        }
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.of(
                broken("ingestedAt missing", e -> e.remove("ingestedAt")),
                broken("source position missing", e -> ((ObjectNode) e.get("source")).remove("position")),
                broken("upsert without payload", e -> e.remove("payload")),
                broken("delete with payload", e -> {
                    e.put("op", "DELETE");
                    e.put("type", "order.deleted");
                }),
                broken("delete typed as upsert", e -> {
                    e.put("op", "DELETE");
                    e.remove("payload");
                }),
                broken("type of another entity", e -> e.put("type", "customer.upserted")),
                broken("entity by id instead of enum name", e -> e.put("entity", "order")),
                broken("unknown op", e -> e.put("op", "MERGE")),
                broken("unsupported schemaVersion", e -> e.put("schemaVersion", 3)),
                broken("eventId not a UUID", e -> e.put("eventId", "42")),
                broken("occurredAt not ISO-8601", e -> e.put("occurredAt", "2024/6/4 13:00")),
                broken("occurredAt with a local offset", e -> e.put("occurredAt", "2024-06-04T13:00:00+08:00")),
                broken("decimal as a string", e -> payload(e).put("totalAmount", "1234.50")),
                broken("orderDate with a time", e -> payload(e).put("orderDate", "2024-06-04T00:00:00Z")),
                broken("unknown enum value", e -> payload(e).put("status", "OPEN")),
                broken("currency not ISO 4217 shaped", e -> payload(e).put("currency", "RMB ")),
                broken("null written instead of omitted", e -> payload(e).putNull("channel")),
                broken("unknown payload field", e -> payload(e).put("discount", 1)),
                broken("customer payload on an order", e -> {
                    payload(e).removeAll();
                    payload(e).put("number", "C1").put("kind", "PERSON");
                }),
                broken("reference without key", e -> ((ObjectNode) payload(e).get("customer")).remove("key")),
                broken("unknown envelope field", e -> e.put("tenant", "acme")),
                broken("resident id without check character", e -> {
                    asCustomer(e);
                    payload(e).put("number", "C1").put("kind", "PERSON").putArray("documents").addObject()
                            .put("type", "CN_RESIDENT_ID").put("number", "11010519900307002");
                }),
                broken("birth date with a time", e -> {
                    asCustomer(e);
                    payload(e).put("number", "C1").put("kind", "PERSON").put("birthDate", "1990-03-07T00:00:00Z");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void brokenEventsAreRejected(String name, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode event = validOrderEvent();
        assertThat(validate(event)).as("the unbroken event must be valid").isEmpty();
        breakIt.accept(event);
        assertThat(validate(event)).as(name).isNotEmpty();
    }

    @Test
    void customerDetailsAreChecked() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(getClass().getResource(
                "/golden/erp/customers/FieldsMatch.expected.json"));
        event.put("ingestedAt", INGESTED_AT);
        assertThat(validate(event)).isEmpty();

        ObjectNode phone = (ObjectNode) payload(event).get("phones").get(0);
        phone.put("e164", "010-6552 9988");
        assertThat(validate(event)).as("phone not in E.164").isNotEmpty();
        phone.put("e164", "+861065529988").put("type", "fax");
        assertThat(validate(event)).as("unknown phone type").isNotEmpty();
        phone.put("type", "landline");
        payload(event).put("kind", "COMPANY");
        assertThat(validate(event)).as("unknown party kind").isNotEmpty();
    }

    private static ObjectNode validOrderEvent() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(CanonicalEventSchemaTest.class.getResource(
                "/golden/erp/sales_orders/FieldsMatch.expected.json"));
        event.put("ingestedAt", INGESTED_AT);
        return event;
    }

    private static ObjectNode payload(ObjectNode event) {
        return (ObjectNode) event.get("payload");
    }

    /** An otherwise valid customer event: only the broken field may make it invalid. */
    private static void asCustomer(ObjectNode event) {
        event.put("type", "customer.upserted").put("entity", "CUSTOMER");
        payload(event).removeAll();
    }

    private static Arguments broken(String name, Consumer<ObjectNode> breakIt) {
        return Arguments.of(name, breakIt);
    }

    private static Set<ValidationMessage> validate(JsonNode event) {
        return schema.validate(event);
    }
}
