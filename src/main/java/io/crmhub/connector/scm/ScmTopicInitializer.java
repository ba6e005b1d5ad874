package io.crmhub.connector.scm;

import io.crmhub.config.HubKafkaProperties;
import java.util.List;
import java.util.Map;
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

/**
 * Creates the SCM topic before the routes start, locally and in tests, where the hub's embedded broker
 * stands in for the SCM's Kafka. Kept apart from the hub's own topics because in production the topic is
 * the SCM's: it exists already and the hub may not be allowed to create it.
 */
@Component
public class ScmTopicInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(ScmTopicInitializer.class);
    private final HubKafkaProperties kafka;
    private final ScmConnectorProperties scm;

    public ScmTopicInitializer(HubKafkaProperties kafka, ScmConnectorProperties scm) {
        this.kafka = kafka;
        this.scm = scm;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException, ExecutionException, TimeoutException {
        if (!kafka.createTopics() || !scm.createTopic() || !scm.enabled()) {
            return;
        }
        // the brokers and hub.kafka.security.*, like every other Kafka client of the hub
        try (AdminClient admin = AdminClient.create(kafka.clientConfig(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(scm.topic())) {
                admin.createTopics(List.of(new NewTopic(scm.topic(), kafka.partitions(), kafka.replicationFactor())))
                        .all().get(30, TimeUnit.SECONDS);
                LOG.info("Created SCM topic {}", scm.topic());
            }
        }
    }
}
