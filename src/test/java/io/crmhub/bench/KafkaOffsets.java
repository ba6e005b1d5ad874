package io.crmhub.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the store consumer group has committed its Kafka offsets against the end of the canonical topics.
 * The store is idempotent, so uncommitted offsets cost no data, but they decide how much is re-read after a
 * restart; the benchmark reports it because the figure is free once everything has been applied.
 */
final class KafkaOffsets {

    private KafkaOffsets() {}

    static String describe(String brokers, String group) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().forEach((topic, d) -> {
                if (topic.startsWith("crm.canonical.")) {
                    d.partitions().forEach(pi -> latest.put(new TopicPartition(topic, pi.partition()),
                            OffsetSpec.latest()));
                }
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            long end = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            long done = committed.entrySet().stream().filter(e -> e.getValue() != null && ends.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue().offset()).sum();
            return String.format("group %s has committed %,d of %,d canonical records (%d partitions with a commit: %s)",
                    group, done, end, committed.size(), committed.keySet().stream().map(TopicPartition::toString)
                            .sorted().collect(Collectors.joining(",")));
        } catch (Exception e) {
            return "consumer offsets unavailable: " + e;
        }
    }
}
