package io.crmhub.it;

import io.crmhub.ops.cluster.LeadershipGuard;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the leader-election ITs (file lock and Kubernetes Lease) look at in each hub they start. */
final class CaptureLeadership {

    /** The singleton capture route only the leader runs. */
    static final String CDC = "erp-cdc-capture";

    private CaptureLeadership() {}

    static LeadershipGuard guard(ConfigurableApplicationContext hub) {
        return hub.getBean(LeadershipGuard.class);
    }

    /** Exchanges the hub's capture route has handled (one per Debezium batch). */
    static long cdcExchanges(ConfigurableApplicationContext hub) throws Exception {
        return hub.getBean(CamelContext.class).getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute(CDC).getExchangesTotal();
    }

    /** Waits until at least {@code expected} of the ERP customers {@code ids} are in the store. */
    static void awaitApplied(JdbcTemplate crm, List<Long> ids, long expected, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).until(() -> crm.queryForObject("SELECT count(*) FROM "
                + "customer_record WHERE source_system = 'erp' AND source_key IN (" + keys(ids) + ")", Long.class)
                >= expected);
    }

    /** The ERP customer ids as an SQL list of keys. */
    static String keys(List<Long> ids) {
        return ids.stream().map(id -> "'" + id + "'").reduce((x, y) -> x + "," + y).orElseThrow();
    }
}
