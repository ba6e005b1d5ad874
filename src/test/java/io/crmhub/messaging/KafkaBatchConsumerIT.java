package io.crmhub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import io.crmhub.it.SideKafkaBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.ConsumersHealthCheckRepository;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@code kafka-batch:} against a real KRaft broker with two topics of two partitions: every record reaches a batch
 * once with its coordinates, offsets are committed only after the route finished a batch, a batch the route failed
 * is read again, a stop while a batch keeps failing commits nothing of it, a member joining the group and a stop
 * both find every finished batch committed (the offsets are committed without waiting as batches finish, and with
 * waiting when partitions are revoked and before the client closes), and a consumer whose client fails is not ready.
 */
class KafkaBatchConsumerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static EmbeddedKafkaKraftBroker broker;

    private final List<List<Exchange>> batches = new CopyOnWriteArrayList<>();
    private CamelContext camel;
    private KafkaProducer<String, String> producer;
    private String group;
    private String topicA;
    private String topicB;

    @BeforeAll
    static void startBroker() {
        broker = SideKafkaBroker.start(2, Map.of("offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false"));
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @BeforeEach
    void setUp() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        group = "g-" + run;
        topicA = "a-" + run;
        topicB = "b-" + run;
        broker.addTopics(topicA, topicB);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        camel = new DefaultCamelContext();
        // health checks as the hub has them (camel.health.enabled): a plain context has no registry
        DefaultHealthCheckRegistry health = new DefaultHealthCheckRegistry();
        health.setCamelContext(camel);
        health.register(new ConsumersHealthCheckRepository());
        camel.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, health);
        camel.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(broker.getBrokersAsString());
    }

    @AfterEach
    void tearDown() {
        camel.stop();
        producer.close();
    }

    @Test
    void everyRecordReachesOneBatchWithItsCoordinatesAndIsCommittedAfterTheRouteFinishedIt() throws Exception {
        route(batch -> { });
        Map<String, RecordMetadata> sent = send(40);

        await().atMost(TIMEOUT).until(() -> received().size() == sent.size());
        for (Exchange record : received()) {
            String value = record.getMessage().getBody(String.class);
            RecordMetadata m = sent.get(value);
            assertThat(m).as("record %s was sent", value).isNotNull();
            assertThat(record.getMessage().getHeader(KafkaConstants.TOPIC)).isEqualTo(m.topic());
            assertThat(record.getMessage().getHeader(KafkaConstants.PARTITION)).isEqualTo(m.partition());
            assertThat(record.getMessage().getHeader(KafkaConstants.OFFSET)).isEqualTo(m.offset());
            assertThat(record.getMessage().getHeader(KafkaConstants.TIMESTAMP)).isEqualTo(m.timestamp());
            assertThat(record.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo("key-" + value);
        }
        assertThat(received()).extracting(r -> r.getMessage().getBody(String.class)).doesNotHaveDuplicates();
        await().atMost(TIMEOUT).until(() -> committed().equals(ends(sent)));
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void aConsumerWhoseKafkaClientFailsIsNotReadyAndSaysWhy() throws Exception {
        camel.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers("broker.invalid:9092");
        route(batch -> { });

        await().atMost(TIMEOUT).until(() -> readiness().getState() == HealthCheck.State.DOWN);
        HealthCheck.Result down = readiness();
        assertThat(down.getMessage()).contains("Kafka consumer failed (ConfigException: No resolvable "
                + "bootstrap urls given in bootstrap.servers); reconnecting");
        assertThat(down.getDetails()).containsEntry("group.id", group);
        assertThat(camel.getRouteController().getRouteStatus("batches").isStarted()).isTrue();
    }

    private HealthCheck.Result readiness() {
        var results = HealthCheckHelper.invokeReadiness(camel);
        return results.stream().filter(r -> r.getCheck().getId().equals("consumer:batches")).findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check for the kafka-batch consumer among "
                        + results.stream().map(r -> r.getCheck().getId()).toList()));
    }

    @Test
    void aBatchTheRouteFailedIsReadAgainAndCommittedOnlyOnceItSucceeds() throws Exception {
        AtomicInteger failures = new AtomicInteger(2);
        List<List<String>> failed = new CopyOnWriteArrayList<>();
        List<Map<TopicPartition, Long>> committedWhileFailing = new CopyOnWriteArrayList<>();
        route(batch -> {
            if (failures.getAndDecrement() > 0) {
                failed.add(KafkaBatch.records(batch).stream().map(r -> r.getMessage().getBody(String.class)).toList());
                committedWhileFailing.add(committed());
                throw new IllegalStateException("store away");
            }
        });
        Map<String, RecordMetadata> sent = send(10);

        await().atMost(TIMEOUT).until(() -> committed().equals(ends(sent)));
        // without the rewind the consumer's position would have moved past the failed batches' records, and the
        // batches that succeeded would lack them: they hold every record exactly once
        assertThat(failed).hasSize(2);
        assertThat(received()).extracting(r -> r.getMessage().getBody(String.class))
                .containsExactlyInAnyOrderElementsOf(sent.keySet());
        assertThat(committedWhileFailing).hasSize(2).allSatisfy(offsets -> assertThat(offsets).isEmpty());
    }

    @Test
    void aStopWhileABatchKeepsFailingCommitsNothingAndTheBatchIsReadAgainAfterTheStart() throws Exception {
        AtomicBoolean storeAway = new AtomicBoolean(true);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(-1).redeliveryDelay(20));
                from(uri()).routeId("batches").process(e -> {
                    if (storeAway.get()) {
                        throw new IllegalStateException("store away");
                    }
                    batches.add(KafkaBatch.records(e));
                });
            }
        });
        camel.start();
        Map<String, RecordMetadata> sent = send(10);
        await().atMost(TIMEOUT).until(() -> camel.getInflightRepository().size("batches") > 0);

        camel.getRouteController().stopRoute("batches", 2, TimeUnit.SECONDS);
        assertThat(committed()).isEmpty();

        storeAway.set(false);
        camel.getRouteController().startRoute("batches");
        await().atMost(TIMEOUT).until(() -> committed().equals(ends(sent)));
        assertThat(received()).extracting(r -> r.getMessage().getBody(String.class))
                .containsExactlyInAnyOrderElementsOf(sent.keySet());
    }

    @Test
    void aMemberJoiningTheGroupStartsAfterEveryBatchTheFirstFinished() throws Exception {
        route(batch -> { });
        Map<String, RecordMetadata> before = send(20);
        await().atMost(TIMEOUT).until(() -> received().size() == before.size());

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a partition without a commit: from its start
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> second = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> joining =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            joining.subscribe(List.of(topicA, topicB));
            await().atMost(TIMEOUT).until(() -> {
                joining.poll(Duration.ofMillis(50)).forEach(r -> second.add(r.value()));
                return !joining.assignment().isEmpty();
            });
            // what arrives after the rebalance is shared by the two members; the first one's batches are not read again
            Map<String, RecordMetadata> after = send("w", 20);
            await().atMost(TIMEOUT).until(() -> {
                joining.poll(Duration.ofMillis(50)).forEach(r -> second.add(r.value()));
                return received().size() - before.size() + second.size() >= after.size();
            });
            assertThat(second).doesNotContainAnyElementsOf(before.keySet());
            assertThat(second).isNotEmpty().allSatisfy(v -> assertThat(after).containsKey(v));
        }
    }

    @Test
    void aStopCommitsEveryFinishedBatchBeforeTheClientCloses() throws Exception {
        route(batch -> { });
        Map<String, RecordMetadata> sent = send(30);
        await().atMost(TIMEOUT).until(() -> received().size() == sent.size());

        camel.getRouteController().stopRoute("batches", 10, TimeUnit.SECONDS);
        assertThat(committed()).isEqualTo(ends(sent));
    }

    private interface BatchStep {
        void accept(Exchange batch) throws Exception;
    }

    private void route(BatchStep step) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri()).routeId("batches").process(e -> {
                    step.accept(e);
                    batches.add(KafkaBatch.records(e));
                });
            }
        });
        camel.start();
    }

    private String uri() {
        return "kafka-batch:" + topicA + "," + topicB + "?groupId=" + group + "&maxPollRecords=7&pollTimeoutMs=20";
    }

    private List<Exchange> received() {
        List<Exchange> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    private Map<String, RecordMetadata> send(int n) throws Exception {
        return send("v", n);
    }

    private Map<String, RecordMetadata> send(String prefix, int n) throws Exception {
        Map<String, RecordMetadata> sent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String value = prefix + i;
            sent.put(value, producer.send(new ProducerRecord<>(i % 2 == 0 ? topicA : topicB, "key-" + value, value))
                    .get());
        }
        return sent;
    }

    private static Map<TopicPartition, Long> ends(Map<String, RecordMetadata> sent) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        sent.values().forEach(m -> ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max));
        return ends;
    }

    private Map<TopicPartition, Long> committed() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e
                    : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
                if (e.getValue() != null) {
                    offsets.put(e.getKey(), e.getValue().offset());
                }
            }
            return offsets;
        }
    }
}
