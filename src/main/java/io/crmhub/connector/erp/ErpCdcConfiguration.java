package io.crmhub.connector.erp;

import io.crmhub.config.DatabaseLinkProperties;
import io.crmhub.connector.debezium.GracefulDebeziumComponent;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Ordered;
import org.apache.camel.component.debezium.postgres.DebeziumPostgresComponent;
import org.apache.camel.component.debezium.postgres.configuration.PostgresConnectorEmbeddedDebeziumConfiguration;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the typed ERP connector settings to Camel's Debezium component, so the route only names
 * {@code debezium-postgres:erp} and no connection detail lives in a URI.
 */
@Configuration(proxyBeanMethods = false)
public class ErpCdcConfiguration {

    static final String JDBC_OFFSET_STORE = "io.debezium.storage.jdbc.offset.JdbcOffsetBackingStore";

    /**
     * {@code graceful-debezium:debezium-postgres:erp}: the Debezium endpoint below, read by a consumer that lets the
     * change in flight finish before the engine commits its offsets and closes (see io.crmhub.connector.debezium).
     */
    @Bean("graceful-debezium")
    GracefulDebeziumComponent gracefulDebezium(ErpConnectorProperties erp) {
        return new GracefulDebeziumComponent(erp.stopTimeoutMs());
    }

    /**
     * Runs last among the component customizers, after the starter has applied its
     * {@code camel.component.debezium-postgres.*} defaults, so the typed settings win.
     */
    @Bean
    ComponentCustomizer erpDebeziumCustomizer(ErpConnectorProperties erp, DataSourceProperties crmStore,
            DatabaseLinkProperties links) {
        return ComponentCustomizer.builder(DebeziumPostgresComponent.class)
                .withOrder(Ordered.LOWEST)
                .build(component -> component.setConfiguration(debeziumConfiguration(erp, crmStore, links)));
    }

    static PostgresConnectorEmbeddedDebeziumConfiguration debeziumConfiguration(
            ErpConnectorProperties erp, DataSourceProperties crmStore, DatabaseLinkProperties links) {
        PostgresConnectorEmbeddedDebeziumConfiguration c = new PostgresConnectorEmbeddedDebeziumConfiguration();
        c.setDatabaseHostname(erp.host());
        c.setDatabasePort(erp.port());
        c.setDatabaseDbname(erp.database());
        c.setDatabaseUser(erp.user());
        c.setDatabasePassword(erp.password() == null ? "" : erp.password());
        // hub.database.*: the same SSL mode, root certificate and keep-alive as every other link; a connect timeout
        // (no socket timeout on the replication connection: it idles between changes; the server's wal_sender_timeout
        // ends a dead one)
        c.setDatabaseSslmode(links.sslMode());
        if (!links.sslRootCert().isEmpty()) {
            c.setDatabaseSslrootcert(links.sslRootCert());
        }
        c.setDatabaseTcpkeepalive(links.tcpKeepAlive());
        c.setTopicPrefix("erp");
        c.setPluginName("pgoutput");
        c.setSlotName(erp.slotName());
        c.setPublicationName(erp.publicationName());
        c.setPublicationAutocreateMode("filtered");
        c.setTableIncludeList(erp.tableIncludeList());
        c.setSnapshotMode(erp.snapshotMode());
        // exact decimals as strings; the mapping decides what a valid amount is
        c.setDecimalHandlingMode("string");
        // a delete is one event carrying the old row; tombstones would only be noise here
        c.setTombstonesOnDelete(false);
        c.setPollIntervalMs(erp.pollIntervalMs());
        c.setMaxBatchSize(erp.maxBatchSize());
        if (erp.offsetFlushIntervalMs() == 0) {
            // markBatchFinished() writes the position of every acknowledged batch: a crash re-reads at most one
            // batch, for one small write per batch (up to max-batch-size changes)
            c.setOffsetCommitPolicy(CommitEveryBatchPolicy.class.getName());
        } else {
            c.setOffsetFlushIntervalMs(erp.offsetFlushIntervalMs());
        }
        c.setOffsetStorage(JDBC_OFFSET_STORE);
        Map<String, Object> additional = offsetStoreProperties(erp, crmStore, links);
        additional.putIfAbsent("driver.connectTimeout", links.driverProperties(false).get("connectTimeout"));
        c.setAdditionalProperties(additional);
        // Camel writes its own errors.max.retries (-1, retry for ever) over the pass-through: how long Debezium retries
        // by itself before the engine dies (and the hub hands capture over, erpCdc health) must be settable
        String retries = erp.debezium() == null ? null : erp.debezium().get("errors.max.retries");
        if (retries != null) {
            c.setErrorsMaxRetries(Integer.parseInt(retries.strip()));
        }
        return c;
    }

    private static Map<String, Object> offsetStoreProperties(ErpConnectorProperties erp, DataSourceProperties crm,
            DatabaseLinkProperties links) {
        Map<String, Object> p = new HashMap<>();
        // the CRM store, reached like the store's pool (SSL, timeouts, statement_timeout)
        p.put("offset.storage.jdbc.connection.url", links.jdbcUrl(crm.determineUrl(), true));
        p.put("offset.storage.jdbc.connection.user", crm.determineUsername());
        p.put("offset.storage.jdbc.connection.password", nullToEmpty(crm.determinePassword()));
        p.put("offset.storage.jdbc.table.name", erp.offsetTable());
        if (erp.debezium() != null) {
            p.putAll(erp.debezium());
        }
        return p;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
