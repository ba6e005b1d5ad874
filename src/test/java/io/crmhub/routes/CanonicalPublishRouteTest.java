package io.crmhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.BatchCollector;
import io.crmhub.connector.CanonicalEventPublisher;
import io.crmhub.connector.OversizedEventException;
import io.crmhub.connector.PublishBatch;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.mapping.MappingException;
import io.crmhub.ops.deadletter.DeadLetterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/canonical-publish.camel.yaml} with its error configuration ({@code hub-errors}) and the dead-letter
 * route, on the real publisher, mapping files, batch collector and dead-letter service; Kafka and the dead-letter
 * table are mocks. What the route must do: one Kafka send per batch, each event addressed to its entity's topic and
 * keyed by its source record; a change that cannot be mapped goes to the dead letter alone, with its reason, and the
 * rest of its batch is published; broker faults are retried as configured, a publish refused for good fails the batch.
 */
class CanonicalPublishRouteTest extends RouteTestSupport {

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    /**
     * Every change the route's change-by-change step ({@code toEvent}) was called with, redeliveries included: only a
     * batch with a change that cannot be mapped goes there; the others are mapped in one call.
     */
    private final List<Object> mapped = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String kafkaUri;
    private MockEndpoint kafka;
    private MockEndpoint deadLetterTopic;
    private MockEndpoint deadLetterTable;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("canonicalPublisher", new CanonicalEventPublisher(MappingEngine.load(), kafkaProperties(),
                publishProperties(), METERS) {
            @Override
            public io.crmhub.canonical.CanonicalEvent toEvent(Object change, Exchange exchange)
                    throws MappingException {
                mapped.add(change);
                return super.toEvent(change, exchange);
            }
        });
        registry.bind("batchCollector", new BatchCollector());
        registry.bind("deadLetters", new DeadLetterService(METERS));
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        loadRoutes("hub-error-handling", "hub-dead-letter", "canonical-publish");
        kafkaUri = toUri("canonical-publish", "kafka");
        AdviceWith.adviceWith(context, "canonical-publish",
                a -> a.weaveByToUri("kafka:*").replace().to("mock:kafka"));
        AdviceWith.adviceWith(context, "hub-dead-letter", a -> {
            a.weaveByToUri("kafka:*").replace().to("mock:dead-letter-topic");
            a.weaveByToUri("jdbc:*").replace().to("mock:dead-letter-table");
        });
        context.start();
        kafka = getMockEndpoint("mock:kafka");
        deadLetterTopic = getMockEndpoint("mock:dead-letter-topic");
        deadLetterTable = getMockEndpoint("mock:dead-letter-table");
    }

    @Test
    void theKafkaEndpointSendsEveryEventWithItsOwnHeadersAndTheConfiguredBatching() throws Exception {
        Map<String, Object> options = query(kafkaUri);

        // without batchWithIndividualHeaders every event of a batch would go out with the batch's key and topic
        assertThat(options).containsEntry("batchWithIndividualHeaders", "true")
                .containsEntry("lingerMs", config("hub.publish.linger-ms"))
                .containsEntry("producerBatchSize", config("hub.publish.batch-bytes"));
        assertThat(kafkaUri).startsWith("kafka:" + config("hub.kafka.topics.customer") + "?");
        assertThat(route("canonical-publish").getRouteConfigurationId()).isEqualTo("hub-errors");
    }

    @Test
    void aBatchGoesToKafkaInOneSendEachEventToItsEntityTopicKeyedBySourceRecord() throws Exception {
        kafka.expectedMessageCount(1);

        Exchange done = template.send("direct:canonical-publish",
                e -> e.getMessage().setBody(List.of(customer("1001", "C0012"), order("5001"), customer("1002", "C0013"))));

        assertThat(done.getException()).isNull();
        kafka.assertIsSatisfied();
        List<Message> sent = sent(kafka.getReceivedExchanges().get(0));
        assertThat(sent).extracting(m -> m.getHeader(KafkaConstants.OVERRIDE_TOPIC)).containsExactly(
                config("hub.kafka.topics.customer"), config("hub.kafka.topics.order"),
                config("hub.kafka.topics.customer"));
        assertThat(sent).extracting(m -> m.getHeader(KafkaConstants.KEY))
                .containsExactly("erp:customers:1001", "erp:sales_orders:5001", "erp:customers:1002");
        JsonNode first = CanonicalJson.mapper().readTree(sent.get(0).getBody(String.class));
        assertThat(first.path("entity").asText()).isEqualTo("CUSTOMER");
        assertThat(first.path("source").path("key").asText()).isEqualTo("1001");
        assertThat(sent.get(0).getHeader(CanonicalEventPublisher.EVENT_ID))
                .isEqualTo(first.path("eventId").asText()).isNotNull();
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void aBatchOfGoodChangesIsMappedInOneCallWithoutAnExchangePerChange() throws Exception {
        kafka.expectedMessageCount(1);

        Exchange done = template.send("direct:canonical-publish",
                e -> e.getMessage().setBody(List.of(customer("1001", "C0012"), order("5001"))));

        assertThat(done.getException()).isNull();
        kafka.assertIsSatisfied();
        assertThat(sent(kafka.getReceivedExchanges().get(0))).extracting(m -> m.getHeader(KafkaConstants.KEY))
                .containsExactly("erp:customers:1001", "erp:sales_orders:5001");
        assertThat(mapped).isEmpty();
        assertThat(done.getProperty(io.crmhub.connector.WholeBatch.CHANGE_BY_CHANGE)).isNull();
    }

    @Test
    void aValueDroppedByTheMappingIsCountedOnceAlsoWhenItsBatchGoesChangeByChange() throws Exception {
        kafka.expectedMessageCount(2);
        SourceChange junkEmail = customer("1001", "C0012");
        junkEmail.row().put("email", "not an address");
        SourceChange nameless = customer("1002", "C0013");
        nameless.row().remove("name");
        double before = dropped();

        template.send("direct:canonical-publish", e -> e.getMessage().setBody(List.of(junkEmail)));
        assertThat(dropped()).isEqualTo(before + 1);
        // the same change again, in a batch that goes change by change (after a first attempt that mapped it too)
        template.send("direct:canonical-publish", e -> e.getMessage().setBody(List.of(junkEmail, nameless)));

        kafka.assertIsSatisfied();
        assertThat(dropped()).isEqualTo(before + 2);
        assertThat(mapped).containsExactly(junkEmail, nameless);
    }

    @Test
    void aChangeThatCannotBeMappedIsDeadLetteredAloneWithItsReasonAndTheRestIsPublished() throws Exception {
        kafka.expectedMessageCount(1);
        deadLetterTopic.expectedMessageCount(1);
        deadLetterTable.expectedMessageCount(1);
        SourceChange nameless = customer("1002", "C0013");
        nameless.row().remove("name");

        Exchange done = template.send("direct:canonical-publish",
                e -> e.getMessage().setBody(List.of(customer("1001", "C0012"), nameless, customer("1003", "C0014"))));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(kafka, deadLetterTopic, deadLetterTable);
        assertThat(sent(kafka.getReceivedExchanges().get(0))).extracting(m -> m.getHeader(KafkaConstants.KEY))
                .containsExactly("erp:customers:1001", "erp:customers:1003");

        Message topic = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(topic.getHeader(KafkaConstants.KEY)).isEqualTo("erp:customers:1002");
        JsonNode letter = CanonicalJson.mapper().readTree(topic.getBody(String.class));
        assertThat(letter.path("routeId").asText()).isEqualTo("canonical-publish");
        assertThat(letter.path("errorClass").asText()).isEqualTo(MappingException.class.getName());
        assertThat(letter.path("field").asText()).contains("name");
        assertThat(letter.path("reason").asText()).isNotBlank();
        assertThat(letter.path("sourcePosition").asText()).isEqualTo("0/1002");

        Message row = deadLetterTable.getReceivedExchanges().get(0).getMessage();
        assertThat(row.getBody(String.class)).contains("INSERT INTO dead_letter");
        assertThat(row.getHeader("dlKey")).isEqualTo("1002");
        assertThat(row.getHeader("dlReason")).isEqualTo(letter.path("reason").asText());
        // handled at once: a poison record is not retried; its batch went change by change
        assertThat(mapped.stream().filter(c -> c == nameless)).hasSize(1);
        assertThat(mapped).hasSize(3);
    }

    @Test
    void anUnexpectedFailureOfOneChangeIsRetriedAsConfiguredThenDeadLetteredAlone() throws Exception {
        kafka.expectedMessageCount(1);
        deadLetterTopic.expectedMessageCount(1);
        Object notAChange = "not a source change";

        Exchange done = template.send("direct:canonical-publish",
                e -> e.getMessage().setBody(List.of(customer("1001", "C0012"), notAChange)));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(kafka, deadLetterTopic);
        assertThat(sent(kafka.getReceivedExchanges().get(0))).hasSize(1);
        int retries = Integer.parseInt(config("hub.errors.unexpected-retries"));
        assertThat(retries).isPositive();
        assertThat(mapped.stream().filter(notAChange::equals)).hasSize(1 + retries);
        Message letter = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        assertThat(CanonicalJson.mapper().readTree(letter.getBody(String.class)).path("errorClass").asText())
                .isEqualTo(ClassCastException.class.getName());
    }

    @Test
    void aBrokerThatIsAwayIsWaitedForAndTheBatchIsNeverDeadLettered() throws Exception {
        int failures = 4;
        kafka.expectedMessageCount(failures + 1);
        for (int i = 0; i < failures; i++) {
            kafka.whenExchangeReceived(i + 1, e -> {
                throw new ConnectException("broker away");
            });
        }

        Exchange done = template.send("direct:canonical-publish",
                e -> e.getMessage().setBody(List.of(customer("1001", "C0012"), customer("1002", "C0013"))));

        assertThat(done.getException()).isNull();
        kafka.assertIsSatisfied();
        // every attempt re-sends the whole batch, addressed as the first time
        for (Exchange attempt : kafka.getReceivedExchanges()) {
            assertThat(sent(attempt)).extracting(m -> m.getHeader(KafkaConstants.KEY))
                    .containsExactly("erp:customers:1001", "erp:customers:1002");
        }
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void aPublishKafkaRefusesForGoodFailsTheBatchWithoutRetryOrDeadLetter() throws Exception {
        kafka.whenAnyExchangeReceived(e -> {
            throw new RecordTooLargeException("too large");
        });

        Exchange done = template.send("direct:canonical-publish",
                e -> e.getMessage().setBody(List.of(customer("1001", "C0012"))));

        // the source must not acknowledge the batch: it reads it again
        assertThat(done.getException()).isInstanceOf(KafkaException.class);
        assertThat(kafka.getReceivedCounter()).isEqualTo(1);
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void anEventLargerThanKafkaTakesIsDeadLetteredAloneAndTheRestOfItsBatchIsPublished() throws Exception {
        kafka.expectedMessageCount(1);
        deadLetterTopic.expectedMessageCount(1);
        deadLetterTable.expectedMessageCount(1);
        int limit = Integer.parseInt(config("hub.publish.max-event-bytes"));
        SourceChange huge = customer("1002", "C0013");
        // three UTF-8 bytes a character: just over the limit, although its length in characters is well below it
        huge.row().put("address", "浦".repeat(limit / 3 + 1));

        Exchange done = template.send("direct:canonical-publish",
                e -> e.getMessage().setBody(List.of(customer("1001", "C0012"), huge, customer("1003", "C0014"))));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(kafka, deadLetterTopic, deadLetterTable);
        assertThat(sent(kafka.getReceivedExchanges().get(0))).extracting(m -> m.getHeader(KafkaConstants.KEY))
                .containsExactly("erp:customers:1001", "erp:customers:1003");
        // the topic would refuse the raw record too: it stays in the table, the topic copy says so
        Message topic = deadLetterTopic.getReceivedExchanges().get(0).getMessage();
        String topicJson = topic.getBody(String.class);
        assertThat(io.crmhub.connector.PublishProperties.utf8Bytes(topicJson)).isLessThan(limit);
        JsonNode letter = CanonicalJson.mapper().readTree(topicJson);
        assertThat(letter.path("errorClass").asText()).isEqualTo(OversizedEventException.class.getName());
        assertThat(letter.path("reason").asText()).startsWith("canonical customer event of ")
                .contains("larger than hub.publish.max-event-bytes").doesNotContain("浦");
        assertThat(letter.path("rawRecord").isNull()).isTrue();
        assertThat(letter.path("rawRecordOmitted").asText()).contains("kept in the dead_letter table");
        Message row = deadLetterTable.getReceivedExchanges().get(0).getMessage();
        assertThat(row.getHeader("dlKey")).isEqualTo("1002");
        assertThat(row.getHeader("dlRaw", String.class)).contains("浦".repeat(1000));
        assertThat(mapped.stream().filter(c -> c == huge)).hasSize(1);
    }

    @Test
    void aSingleChangeNotInAListIsPublishedAsABatchOfOneThroughTheSplit() throws Exception {
        kafka.expectedMessageCount(1);
        SourceChange single = customer("1001", "C0012");

        Exchange done = template.send("direct:canonical-publish", e -> e.getMessage().setBody(single));

        assertThat(done.getException()).isNull();
        kafka.assertIsSatisfied();
        assertThat(sent(kafka.getReceivedExchanges().get(0))).extracting(m -> m.getHeader(KafkaConstants.KEY))
                .containsExactly("erp:customers:1001");
        assertThat(mapped).containsExactly(single);
    }

    @Test
    void aBatchOfOnlyPoisonRecordsSendsNothingToKafka() throws Exception {
        deadLetterTopic.expectedMessageCount(2);
        SourceChange a = customer("1001", "C0012");
        SourceChange b = customer("1002", "C0013");
        a.row().remove("name");
        b.row().remove("kind");

        Exchange done = template.send("direct:canonical-publish", e -> e.getMessage().setBody(List.of(a, b)));

        assertThat(done.getException()).isNull();
        deadLetterTopic.assertIsSatisfied();
        assertThat(kafka.getReceivedCounter()).isZero();
    }

    private static double dropped() {
        return METERS.find("hub.mapping.dropped.values").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static List<Message> sent(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        assertThat(body).isInstanceOf(PublishBatch.class);
        List<Message> messages = new java.util.ArrayList<>();
        ((PublishBatch) body).forEach(messages::add);
        return messages;
    }

    private static SourceChange customer(String key, String number) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Long.parseLong(key));
        row.put("customer_no", number);
        row.put("kind", "C");
        row.put("name", "上海明远贸易有限公司");
        row.put("country", "CN");
        row.put("city", "上海");
        row.put("status", "ACTIVE");
        return new SourceChange("erp", "customers", ChangeOp.CREATE, key, "0/" + key, 1,
                Instant.parse("2024-06-04T05:00:00Z"), row);
    }

    private static SourceChange order(String key) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Long.parseLong(key));
        row.put("order_no", "SO-2024-" + key);
        row.put("customer_id", 1001);
        row.put("order_date", "2024-06-04");
        row.put("status", "OPEN");
        row.put("currency", "CNY");
        row.put("total_amount", "1234.50");
        return new SourceChange("erp", "sales_orders", ChangeOp.CREATE, key, "0/" + key, 1,
                Instant.parse("2024-06-04T05:00:00Z"), row);
    }
}
