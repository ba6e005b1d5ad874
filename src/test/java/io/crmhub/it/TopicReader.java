package io.crmhub.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning, as a fresh consumer group, until the wanted keys have appeared. */
public final class TopicReader {

    private TopicReader() {}

    /** @return key → latest value for each wanted key, once all of them have been seen */
    static Map<String, String> awaitKeys(String brokers, String topic, List<String> keys, Duration timeout) {
        Map<String, String> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = fromTheStart(brokers)) {
            consumer.subscribe(List.of(topic));
            await().atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.put(r.key(), r.value()));
                return seen.keySet().containsAll(keys);
            });
        }
        return seen;
    }

    /** Reads the topic from the beginning until {@code done} holds for everything read so far; returns it. */
    public static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> readUntil(String brokers,
            String topic, java.util.function.Predicate<List<org.apache.kafka.clients.consumer.ConsumerRecord<String,
            String>>> done, Duration timeout) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> read = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheStart(brokers)) {
            consumer.subscribe(List.of(topic));
            await().atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                return done.test(read);
            });
        }
        return read;
    }

    /** Waits until the consumer group has committed every record written so far to the given topics. */
    public static void awaitGroupCaughtUp(String brokers, String group, List<String> topics, Duration timeout) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> lag(admin, group, topics) == 0);
        }
    }

    private static long lag(org.apache.kafka.clients.admin.Admin admin, String group, List<String> topics)
            throws Exception {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        var partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new org.apache.kafka.common.TopicPartition(d.name(),
                        p.partition())))
                .toList();
        var request = new HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
        partitions.forEach(tp -> request.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        var ends = admin.listOffsets(request).all().get();
        long lag = 0;
        for (var tp : partitions) {
            var c = committed.get(tp);
            lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }
    /** Every record the topic holds now, read from the beginning up to each partition's end offset at the call. */
    public static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> readToEnd(String brokers,
            String topic, Duration timeout) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> read = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheStart(brokers)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            await().atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return read;
    }

    /** A consumer of its own group, reading from the beginning. */
    private static KafkaConsumer<String, String> fromTheStart(String brokers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
