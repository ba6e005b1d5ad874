package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The CRM store goes away while changes keep coming: the hub retries with back-off and loses nothing. */
@HubIntegrationTest
class StoreOutageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    Environment env;

    @Test
    void changesCapturedWhileTheStoreIsUnreachableAreAppliedOnceItIsBack() {
        String adminUrl = env.getProperty("spring.datasource.url").replaceAll("/crm$", "/postgres");
        SingleConnectionDataSource adminDs = new SingleConnectionDataSource(adminUrl,
                env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"), true);
        JdbcTemplate admin = new JdbcTemplate(adminDs);
        try (ErpDatabase erp = new ErpDatabase(erpProps)) {
            await().atMost(TIMEOUT).until(erp::isStreaming);

            admin.execute("ALTER DATABASE crm ALLOW_CONNECTIONS false");
            admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = 'crm' AND pid <> pg_backend_pid()");

            String run = UUID.randomUUID().toString().substring(0, 6);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                keys.add(String.valueOf(erp.insert("customers", Map.of("customer_no", "OUT-" + run + "-" + i,
                        "kind", "P", "name", "停机测试" + i, "mobile", "1390000000" + i, "status", "LEAD"))));
            }
            // the changes went through capture and mapping while the store was down
            awaitOnCanonicalTopic(keys);

            admin.execute("ALTER DATABASE crm ALLOW_CONNECTIONS true");
            String in = "('" + String.join("','", keys) + "')";
            await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM customer_record "
                    + "WHERE source_system = 'erp' AND source_key IN " + in, Long.class) == 5);
            assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'erp' AND source_entity = 'customers' "
                    + "AND source_key IN " + in, Long.class)).isEqualTo(5);
            assertThat(crm.queryForObject("SELECT count(*) FROM dead_letter WHERE source_system = 'erp' AND source_entity = 'customers' "
                    + "AND source_key IN " + in, Long.class)).isZero();
        } finally {
            admin.execute("ALTER DATABASE crm ALLOW_CONNECTIONS true");
            adminDs.destroy();
        }
    }

    private void awaitOnCanonicalTopic(List<String> keys) {
        TopicReader.awaitKeys(kafka.brokers(), kafka.topics().customer(),
                keys.stream().map(k -> "erp:customers:" + k).toList(), TIMEOUT);
    }
}
