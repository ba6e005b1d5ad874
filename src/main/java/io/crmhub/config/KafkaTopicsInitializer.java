package io.crmhub.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Creates the hub's topics before any route starts, so producers and consumers never race topic creation. */
@Component
public class KafkaTopicsInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicsInitializer.class);
    private final HubKafkaProperties props;

    public KafkaTopicsInitializer(HubKafkaProperties props) {
        this.props = props;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException, ExecutionException, TimeoutException {
        if (!props.createTopics()) {
            return;
        }
        try (AdminClient admin = AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, props.brokers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = props.topics().all().stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, props.partitions(), props.replicationFactor()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
