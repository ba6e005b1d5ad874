package io.crmhub.connector.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/** Database sources: engine configuration kept out of local files, binlog sequences, names. */
class DatabaseSourcesTest {

    @Test
    void offsetsAndSchemaHistoryLiveInTheCrmStoreInTablesOfTheirOwn() {
        DataSourceProperties crm = new DataSourceProperties();
        crm.setUrl("jdbc:postgresql://store:5432/crm");
        crm.setUsername("hub");
        crm.setPassword("secret");

        Properties p = DatabaseEngineProperties.of(source("orders", Map.of("heartbeat.interval.ms", "10000")), crm);

        assertThat(p.getProperty("connector.class")).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(p.getProperty("topic.prefix")).isEqualTo("orders");
        assertThat(p.getProperty("table.include.list")).isEqualTo("sales.customers,sales.sales_orders");
        assertThat(p.getProperty("offset.storage")).isEqualTo(DatabaseEngineProperties.JDBC_OFFSET_STORE);
        assertThat(p.getProperty("offset.storage.jdbc.connection.url")).isEqualTo("jdbc:postgresql://store:5432/crm");
        assertThat(p.getProperty("offset.storage.jdbc.table.name")).isEqualTo("hub_cdc_offsets_orders");
        assertThat(p.getProperty("schema.history.internal")).isEqualTo(DatabaseEngineProperties.JDBC_SCHEMA_HISTORY);
        assertThat(p.getProperty("schema.history.internal.jdbc.connection.user")).isEqualTo("hub");
        assertThat(p.getProperty("schema.history.internal.jdbc.table.name"))
                .isEqualTo("hub_cdc_schema_history_orders");
        assertThat(p.getProperty("include.schema.changes")).isEqualTo("false");
        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("10000");
        assertThat(p.stringPropertyNames()).noneMatch(k -> k.contains("file"));
    }

    @Test
    void binlogSequenceGrowsWithFileOffsetAndRow() {
        long first = BinlogPositions.sequence("binlog.000001", 4_000_000_000L, 3);
        long sameEventNextRow = BinlogPositions.sequence("binlog.000001", 4_000_000_000L, 4);
        long nextFile = BinlogPositions.sequence("binlog.000002", 4, 0);
        assertThat(sameEventNextRow).isGreaterThan(first);
        assertThat(nextFile).isGreaterThan(sameEventNextRow);
        assertThatThrownBy(() -> BinlogPositions.sequence("nodot", 4, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTopicPrefixNamesTheSourceSystem() {
        assertThat(BinlogChangeConverter.systemOf("legacy.legacy_erp.customers")).isEqualTo("legacy");
    }

    @Test
    void twoSourcesMayNotShareANameNorAReplicaIdOnOneServer() {
        assertThatThrownBy(() -> new DatabaseSourcesProperties(List.of(source("orders", null),
                source("orders", null)))).hasMessageContaining("two sources named 'orders'");
        assertThat(new DatabaseSourcesProperties(null).databases()).isEmpty();
        assertThatThrownBy(() -> new DatabaseSourcesProperties(List.of(source("orders", null),
                source("webshop", null)))).hasMessageContaining("share server-id 5401");
    }

    @Test
    void theMariadbDemoProfileRunsTheErpFromABinlogInsteadOfPostgres() throws Exception {
        org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
        new org.springframework.boot.env.YamlPropertySourceLoader().load("mariadb",
                new org.springframework.core.io.ClassPathResource("application-mariadb.yaml"))
                .forEach(env.getPropertySources()::addFirst);
        org.springframework.boot.context.properties.bind.Binder binder =
                org.springframework.boot.context.properties.bind.Binder.get(env);

        DatabaseSource erp = binder.bind("hub.connectors", DatabaseSourcesProperties.class).get().databases().get(0);

        assertThat(binder.bind("hub.connectors.erp.enabled", Boolean.class).get()).isFalse();
        assertThat(erp.name()).isEqualTo("erp");
        assertThat(erp.kind()).isEqualTo(DatabaseSource.Kind.MARIADB);
        assertThat(erp.port()).isEqualTo(13306);
        assertThat(erp.tables()).containsExactly("customers", "sales_orders", "sales_order_lines", "payment_receipts");
        assertThat(erp.serverId()).isEqualTo(5400);
        assertThat(erp.offsetTable()).isEqualTo("hub_cdc_offsets_erp");
    }

    private static DatabaseSource source(String name, Map<String, String> debezium) {
        return new DatabaseSource(name, true, DatabaseSource.Kind.MARIADB, "db", 3306, "sales", "crm_hub", "pw",
                List.of("customers", "sales_orders"), 5401, "initial", 100, 2048, 0, null, null, debezium);
    }
}
