package io.crmhub.connector.database;

import io.crmhub.connector.erp.CommitEveryBatchPolicy;
import java.util.Properties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * The Debezium engine configuration of one database source: its binlog connector, and the binlog position and schema
 * history kept in the CRM store (Debezium's JDBC offset store and JDBC schema history), so nothing lives in a local
 * file and a restart (on this pod or another) resumes where the last acknowledged batch ended.
 */
public final class DatabaseEngineProperties {

    static final String JDBC_OFFSET_STORE = "io.debezium.storage.jdbc.offset.JdbcOffsetBackingStore";
    static final String JDBC_SCHEMA_HISTORY = "io.debezium.storage.jdbc.history.JdbcSchemaHistory";

    private DatabaseEngineProperties() {}

    public static Properties of(DatabaseSource source, DataSourceProperties crm) {
        Properties p = new Properties();
        p.setProperty("name", source.name());
        p.setProperty("connector.class", source.kind().connectorClass);
        // the topic prefix names the source system of every change (BinlogChangeConverter)
        p.setProperty("topic.prefix", source.name());
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", String.valueOf(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password() == null ? "" : source.password());
        p.setProperty("database.server.id", String.valueOf(source.serverId()));
        p.setProperty("database.include.list", source.database());
        p.setProperty("table.include.list", source.tableIncludeList());
        p.setProperty("snapshot.mode", source.snapshotMode());
        // exact decimals as strings; the mapping decides what a valid amount is
        p.setProperty("decimal.handling.mode", "string");
        // a delete is one event carrying the old row; tombstones and DDL events would only be noise for the route
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("include.schema.changes", "false");
        p.setProperty("poll.interval.ms", String.valueOf(source.pollIntervalMs()));
        p.setProperty("max.batch.size", String.valueOf(source.maxBatchSize()));
        if (source.offsetFlushIntervalMs() == 0) {
            p.setProperty("offset.commit.policy", CommitEveryBatchPolicy.class.getName());
        } else {
            p.setProperty("offset.flush.interval.ms", String.valueOf(source.offsetFlushIntervalMs()));
        }
        p.setProperty("offset.storage", JDBC_OFFSET_STORE);
        store(p, "offset.storage.jdbc.", crm);
        p.setProperty("offset.storage.jdbc.table.name", source.offsetTable());
        p.setProperty("schema.history.internal", JDBC_SCHEMA_HISTORY);
        store(p, "schema.history.internal.jdbc.", crm);
        p.setProperty("schema.history.internal.jdbc.table.name", source.schemaHistoryTable());
        // only the captured tables' DDL is kept; the rest of the server is none of the hub's business
        p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
        p.putAll(source.debezium());
        return p;
    }

    private static void store(Properties p, String prefix, DataSourceProperties crm) {
        p.setProperty(prefix + "connection.url", crm.determineUrl());
        p.setProperty(prefix + "connection.user", crm.determineUsername());
        p.setProperty(prefix + "connection.password", crm.determinePassword() == null ? "" : crm.determinePassword());
    }
}
