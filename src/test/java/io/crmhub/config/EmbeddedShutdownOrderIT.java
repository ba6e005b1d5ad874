package io.crmhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A hub on the embedded default stops while its Kafka consumers are busy, the way the JVM ends it: Spring's shutdown
 * hook closes the context in a thread of its own while the embedded servers' hook runs beside it. The servers may stop
 * only when {@link EmbeddedInfrastructure#closeDependents()} returns; at that moment, read with an AdminClient against
 * the broker (which outlives the hub here: one per JVM), every consumer must have left its group and committed what it
 * consumed: the SCM group's offsets count exactly the canonical shipments it published, the store group's offsets on
 * the shipment topic count exactly the shipments in the store. A consumer outliving the broker fails its last commits
 * (the "Offset commit failed" warnings at every stop of the demo) and leaves applied batches uncommitted.
 */
class EmbeddedShutdownOrderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int BURST = 300;
    /** Its own store: the burst's shipments are of orders no ERP has, which other tests of the suite would find. */
    private static final String CRM_DATABASE = "crm_stop";

    @Test
    void whenTheServersMayStopEveryConsumerHasCommittedWhatItConsumedAndLeftItsGroup() throws Exception {
        String run = "stop" + UUID.randomUUID().toString().substring(0, 6);
        String scmTopic = run + ".scm";
        String shipments = run + ".canonical.shipment";
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test").run(hubArguments(run));
        EmbeddedInfrastructure.Endpoints servers = EmbeddedInfrastructure.endpoints();
        SingleConnectionDataSource ds = new SingleConnectionDataSource(servers.jdbcUrl(CRM_DATABASE), "postgres",
                "postgres", true);
        JdbcTemplate crm = new JdbcTemplate(ds);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBrokers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBrokers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                        new StringSerializer())) {
            send(producer, scmTopic, run + "-a", BURST);
            await().atMost(TIMEOUT).until(() -> shipmentsInStore(crm, run) == BURST);
            // a second burst still being read and applied when the stop begins
            send(producer, scmTopic, run + "-b", BURST);
            await().atMost(TIMEOUT).until(() -> shipmentsInStore(crm, run) > BURST);

            Thread springShutdownHook = new Thread(hub::close, "spring-shutdown-hook");
            springShutdownHook.start();
            await().atMost(TIMEOUT).until(hub::isClosed);
            EmbeddedInfrastructure.closeDependents();

            // the moment the embedded servers would stop
            assertThat(hub.isActive()).isFalse();
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(
                    List.of(run + "-scm", run + "-store")).all().get(30, TimeUnit.SECONDS);
            groups.forEach((group, d) -> assertThat(d.members()).as("members of %s", group).isEmpty());
            long scmCommitted = committed(admin, run + "-scm", scmTopic);
            assertThat(scmCommitted).as("SCM events committed = canonical shipments published")
                    .isEqualTo(endOffsets(admin, shipments));
            assertThat(committed(admin, run + "-store", shipments)).as("canonical shipments committed = in the store")
                    .isEqualTo(shipmentsInStore(crm, run));
            assertThat(scmCommitted).isGreaterThan(BURST);
            springShutdownHook.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            hub.close();
            ds.destroy();
        }
    }

    /** Store, topics, groups and consumers of this test's own; ERP capture and simulators off. */
    private static String[] hubArguments(String run) {
        List<String> args = new ArrayList<>(List.of("--hub.embedded.crm-database=" + CRM_DATABASE,
                "--hub.connectors.erp.enabled=false",
                "--hub.simulator.erp.enabled=false", "--hub.connectors.scm.topic=" + run + ".scm",
                "--hub.connectors.scm.group=" + run + "-scm", "--hub.kafka.store-group=" + run + "-store",
                "--hub.kafka.topics.dead-letter=" + run + ".deadletter", "--hub.kafka.topics.identity=" + run + ".identity"));
        for (String entity : List.of("customer", "order", "order-line", "payment", "interaction", "shipment")) {
            args.add("--hub.kafka.topics." + entity + "=" + run + ".canonical." + entity);
        }
        return args.toArray(String[]::new);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            String number = prefix + "-" + i;
            producer.send(new ProducerRecord<>(topic, number, """
                    {"shipmentNumber": "%s", "version": 1, "eventTime": "2024-06-04T10:00:00+08:00",
                     "orderNumber": "SO-STOP", "carrier": "SF", "trackingNumber": "SF1", "status": "CREATED",
                     "shippedAt": null, "deliveredAt": null}
                    """.formatted(number)));
        }
        producer.flush();
    }

    private static long shipmentsInStore(JdbcTemplate crm, String run) {
        return crm.queryForObject("SELECT count(*) FROM shipment_record WHERE source_system = 'scm' AND source_key "
                + "LIKE ?", Long.class, run + "-%");
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
    }
}
