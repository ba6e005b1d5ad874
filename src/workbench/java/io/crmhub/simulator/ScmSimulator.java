package io.crmhub.simulator;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.connector.scm.ScmConnectorProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A demo SCM for the local default: publishes shipment events for the ERP's existing orders (by their
 * business number, as a real SCM knows them) on the SCM topic at a steady rate.
 */
@Component
@ConditionalOnProperty(name = "hub.simulator.scm.enabled", havingValue = "true")
public class ScmSimulator implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ScmSimulator.class);
    private static final String RANDOM_ORDER = "SELECT order_no FROM sales_orders WHERE id >= (SELECT floor(random()"
            + " * coalesce(max(id), 0)) FROM sales_orders) ORDER BY id LIMIT 1";

    private final ScmSimulatorProperties props;
    private final HubKafkaProperties kafka;
    private final String topic;
    private final DataSource erp;
    private final JdbcTemplate erpJdbc;
    private final ScmEventGenerator gen = new ScmEventGenerator(System.nanoTime(), Clock.systemUTC());
    private KafkaProducer<String, String> producer;
    private Trickle scheduler;

    public ScmSimulator(ScmSimulatorProperties props, HubKafkaProperties kafka, ScmConnectorProperties scm,
                        ErpConnectorProperties erp) {
        this.props = props;
        this.kafka = kafka;
        this.topic = scm.topic();
        this.erp = ErpSimulator.erpDataSource(erp);
        this.erpJdbc = new JdbcTemplate(this.erp);
    }

    /** One event; the demo keeps going if the ERP or the broker blips, the hub is what is being watched. */
    void publishOne() {
        try {
            ScmEventGenerator.ScmMessage m = gen.next(props.malformedPercent(), this::randomOrderNumber);
            if (m != null) {
                producer.send(new ProducerRecord<>(topic, m.key(), m.value()));
            }
        } catch (RuntimeException e) {
            LOG.warn("SCM simulator event failed: {}", e.getClass().getSimpleName());
        }
    }

    private String randomOrderNumber() {
        List<String> numbers = erpJdbc.queryForList(RANDOM_ORDER, String.class);
        return numbers.isEmpty() ? null : numbers.get(0);
    }

    @Override
    public void start() {
        if (props.eventsPerSecond() <= 0) {
            return;
        }
        Properties p = new Properties();
        p.putAll(kafka.clientConfig(Map.of()));
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        scheduler = Trickle.perSecond("scm-simulator", props.eventsPerSecond(), 2_000, this::publishOne);
        LOG.info("SCM simulator publishing {} shipment events/s to {}", props.eventsPerSecond(), topic);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @jakarta.annotation.PreDestroy
    void closeDataSource() throws Exception {
        stop();
        if (erp instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
