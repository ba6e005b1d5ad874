package io.crmhub.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates the hub's topics before any route starts, so producers and consumers never race topic creation, with the
 * retention of {@code hub.retention.topic-retention} (the dead-letter topic: {@code dead-letter-topic-retention});
 * topics that already exist get the configured retention too, so a changed setting applies at the next start.
 */
@Component
public class KafkaTopicsInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicsInitializer.class);
    private final HubKafkaProperties props;
    private final RetentionProperties retention;

    public KafkaTopicsInitializer(HubKafkaProperties props, RetentionProperties retention) {
        this.props = props;
        this.retention = retention;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException, ExecutionException, TimeoutException {
        if (!props.createTopics()) {
            return;
        }
        // the brokers and hub.kafka.security.*, like every other Kafka client of the hub
        try (AdminClient admin = AdminClient.create(props.clientConfig(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = props.topics().all().stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, props.partitions(), props.replicationFactor()).configs(retentionOf(t)))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> retained = new LinkedHashMap<>();
            props.topics().all().stream().filter(existing::contains).forEach(t -> retentionOf(t).forEach((k, v) ->
                    retained.put(new ConfigResource(ConfigResource.Type.TOPIC, t),
                            List.of(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)))));
            if (!retained.isEmpty()) {
                admin.incrementalAlterConfigs(retained).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code retention.ms} of a hub topic, or nothing for the broker's default. */
    Map<String, String> retentionOf(String topic) {
        java.time.Duration age = topic.equals(props.topics().deadLetter()) ? retention.deadLetterTopicRetention()
                : retention.topicRetention();
        return age.isZero() ? Map.of() : Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(age.toMillis()));
    }
}
