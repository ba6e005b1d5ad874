package io.crmhub.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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

    /** One admin client for a benchmark's polling loop (not one per poll). */
    static Admin admin(String brokers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        return Admin.create(p);
    }

    /** The sum of the topics' end offsets. */
    static long end(Admin admin, Set<String> topics) throws Exception {
        return ends(admin, topics).values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** Each partition's end offset. */
    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends(Admin admin, Set<String> topics)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, d) -> d.partitions()
                .forEach(pi -> latest.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get();
    }

    /** The sum of a consumer group's committed offsets on the topics' partitions (0 for none committed yet). */
    static long committed(Admin admin, String group, Set<String> topics) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    static String describe(String brokers, String group) {
        try (Admin admin = admin(brokers)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Set<String> canonical = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith("crm.canonical.")).collect(Collectors.toSet());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = ends(admin, canonical);
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
