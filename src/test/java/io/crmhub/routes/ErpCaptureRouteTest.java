package io.crmhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.BatchCollector;
import io.crmhub.connector.CdcLagMetrics;
import io.crmhub.connector.WholeBatch;
import io.crmhub.connector.erp.DebeziumChangeConverter;
import io.crmhub.ops.deadletter.DeadLetterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/erp-cdc-capture.camel.yaml} with its error configuration and the dead-letter route, on the real
 * converter, batch collector and dead-letter service; Debezium is replaced by a direct endpoint that hands the route a
 * batch of real change records, the publish route and the dead-letter stores are mocks. What the route must do: hand
 * the whole batch on, converted, in order; a record that cannot be read goes to the dead letter alone with its reason
 * and the rest of its batch is handed on.
 */
class ErpCaptureRouteTest extends RouteTestSupport {

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().optional()
            .field("id", Schema.INT64_SCHEMA).field("customer_no", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("table", Schema.STRING_SCHEMA).field("lsn", Schema.INT64_SCHEMA)
            .field("txId", Schema.INT64_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .field("op", Schema.OPTIONAL_STRING_SCHEMA).field("before", ROW).field("after", ROW)
            .field("source", SOURCE).build();

    /** Every record the route's record-by-record step ({@code convert}) was called with. */
    private final List<SourceRecord> oneByOne = new java.util.concurrent.CopyOnWriteArrayList<>();
    private MockEndpoint publish;
    private MockEndpoint deadLetterTopic;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("erpChangeConverter", new DebeziumChangeConverter(new CdcLagMetrics(METERS)) {
            @Override
            public SourceChange convert(SourceRecord record, Exchange exchange) {
                oneByOne.add(record);
                return super.convert(record, exchange);
            }
        });
        registry.bind("batchCollector", new BatchCollector());
        registry.bind("deadLetters", new DeadLetterService(METERS));
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        loadRoutes("hub-error-handling", "hub-dead-letter", "erp-cdc-capture");
        AdviceWith.adviceWith(context, "erp-cdc-capture", a -> {
            a.replaceFromWith("direct:captured");
            a.weaveByToUri("direct:canonical-publish").replace().to("mock:publish");
        });
        AdviceWith.adviceWith(context, "hub-dead-letter", a -> {
            a.weaveByToUri("kafka:*").replace().to("mock:dead-letter-topic");
            a.weaveByToUri("jdbc:*").replace().to("mock:dead-letter-table");
        });
        context.start();
        publish = getMockEndpoint("mock:publish");
        deadLetterTopic = getMockEndpoint("mock:dead-letter-topic");
    }

    @Test
    void aCapturedBatchIsConvertedInOneCallAndHandedOnInOrder() throws Exception {
        publish.expectedMessageCount(1);

        Exchange done = template.send("direct:captured",
                e -> e.getMessage().setBody(List.of(change("c", 7, 100), change("u", 3, 101), change("d", 9, 102))));

        assertThat(done.getException()).isNull();
        publish.assertIsSatisfied();
        assertThat(handedOn()).extracting(SourceChange::key).containsExactly("7", "3", "9");
        assertThat(handedOn()).extracting(SourceChange::position)
                .containsExactly("lsn:100,tx:1", "lsn:101,tx:1", "lsn:102,tx:1");
        assertThat(handedOn().get(2).row()).containsEntry("customer_no", "C9");
        assertThat(oneByOne).isEmpty();
        assertThat(done.getProperty(WholeBatch.CHANGE_BY_CHANGE)).isNull();
    }

    @Test
    void aRecordThatCannotBeReadIsDeadLetteredAloneAndTheRestOfItsBatchIsHandedOn() throws Exception {
        publish.expectedMessageCount(1);
        deadLetterTopic.expectedMessageCount(1);
        SourceRecord unknownOperation = change("x", 8, 201);

        Exchange done = template.send("direct:captured",
                e -> e.getMessage().setBody(List.of(change("c", 7, 200), unknownOperation, change("c", 9, 202))));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(publish, deadLetterTopic);
        assertThat(handedOn()).extracting(SourceChange::key).containsExactly("7", "9");
        // record by record: the good ones once, the unreadable one with the retries an unexpected failure gets
        int retries = Integer.parseInt(config("hub.errors.unexpected-retries"));
        assertThat(oneByOne.stream().filter(r -> r == unknownOperation)).hasSize(1 + retries);
        assertThat(oneByOne).hasSize(3 + retries);
        JsonNode letter = CanonicalJson.mapper().readTree(
                deadLetterTopic.getReceivedExchanges().get(0).getMessage().getBody(String.class));
        assertThat(letter.path("routeId").asText()).isEqualTo("erp-cdc-capture");
        assertThat(letter.path("errorClass").asText()).isEqualTo(IllegalArgumentException.class.getName());
        // the record is named by its raw form (its position), since it could not be read far enough to know its key
        assertThat(letter.path("rawRecord").asText()).contains("sourceOffset={lsn=201}");
        // the property that sent the batch record by record does not travel on with it
        assertThat(publish.getReceivedExchanges().get(0).getProperty(WholeBatch.CHANGE_BY_CHANGE)).isNull();
    }

    @SuppressWarnings("unchecked")
    private List<SourceChange> handedOn() {
        return publish.getReceivedExchanges().get(0).getMessage().getBody(List.class);
    }

    private static SourceRecord change(String op, long id, long lsn) {
        Struct row = new Struct(ROW).put("id", id).put("customer_no", "C" + id);
        Struct envelope = new Struct(ENVELOPE).put("op", op).put("source", new Struct(SOURCE).put("table", "customers")
                .put("lsn", lsn).put("txId", 1L).put("ts_ms", 1_717_477_200_000L));
        envelope.put("d".equals(op) ? "before" : "after", row);
        return new SourceRecord(Map.of(), Map.of("lsn", lsn), "erp.public.customers", KEY,
                new Struct(KEY).put("id", id), ENVELOPE, envelope);
    }
}
