package io.crmhub.connector.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One database captured by change data capture from its binary log ({@code hub.connectors.databases[n].*}). Its rows
 * become changes of source system {@code name}, mapped by {@code mappings/<name>/*.yaml}.
 *
 * @param name                  source system name: mapping folder, route {@code <name>-db-cdc-capture}, Debezium topic
 *                              prefix, dead-letter and metric label; lower case, no dots
 * @param enabled               capture this source; {@code false}: settings validated, no route is created
 * @param kind                  {@code mariadb} (MariaDB server, MariaDB GTIDs) or {@code mysql} (MySQL server)
 * @param host                  database host
 * @param port                  database port
 * @param database              the database (MySQL schema) holding the captured tables
 * @param user                  user with SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE and REPLICATION
 *                              CLIENT (connectors/README.md)
 * @param password              its password (from the environment or a mounted secret, never a file in git)
 * @param tables                captured tables, without database
 * @param serverId              the replication client id the hub presents to the server: unique among its replicas
 * @param snapshotMode          Debezium snapshot mode; {@code initial} reads existing rows once, as READ, then streams
 * @param pollIntervalMs        how long Debezium waits for new changes before polling again
 * @param maxBatchSize          most changes handed over per poll
 * @param offsetFlushIntervalMs 0: the binlog position is written after every acknowledged batch; above 0: at most this
 *                              often
 * @param offsetTable           table in the CRM store holding this source's binlog position (one table per source:
 *                              Debezium rewrites the whole table at each flush); default {@code hub_cdc_offsets_<name>}
 * @param schemaHistoryTable    table in the CRM store holding this source's schema history (the DDL Debezium needs to
 *                              read the binlog after a restart); default {@code hub_cdc_schema_history_<name>}
 * @param debezium              any other Debezium setting, passed through unchanged (applied last)
 */
public record DatabaseSource(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,30}") String name,
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("mariadb") Kind kind,
        @NotBlank @DefaultValue("localhost") String host,
        @Min(1) @Max(65535) @DefaultValue("3306") int port,
        @NotBlank String database,
        @NotBlank String user,
        String password,
        @NotEmpty List<String> tables,
        @Min(1) @Max(4294967295L) @DefaultValue("5400") long serverId,
        @NotBlank @DefaultValue("initial") String snapshotMode,
        @Min(1) @DefaultValue("20") long pollIntervalMs,
        @Min(1) @DefaultValue("2048") int maxBatchSize,
        @Min(0) @DefaultValue("0") long offsetFlushIntervalMs,
        String offsetTable,
        String schemaHistoryTable,
        Map<String, String> debezium) {

    /** The server family: which Debezium connector reads its binary log. */
    public enum Kind {
        MARIADB("io.debezium.connector.mariadb.MariaDbConnector", "mariadb"),
        MYSQL("io.debezium.connector.mysql.MySqlConnector", "mysql");

        final String connectorClass;
        final String jmxDomain;

        Kind(String connectorClass, String jmxDomain) {
            this.connectorClass = connectorClass;
            this.jmxDomain = jmxDomain;
        }
    }

    public DatabaseSource {
        tables = tables == null ? List.of() : List.copyOf(tables);
        debezium = debezium == null ? Map.of() : Map.copyOf(debezium);
        offsetTable = blank(offsetTable) ? "hub_cdc_offsets_" + name : offsetTable;
        schemaHistoryTable = blank(schemaHistoryTable) ? "hub_cdc_schema_history_" + name : schemaHistoryTable;
    }

    /** The id of this source's capture route. */
    public String routeId() {
        return name + "-db-cdc-capture";
    }

    /** Debezium's {@code table.include.list}: {@code <database>.<table>,…}. */
    public String tableIncludeList() {
        return String.join(",", tables.stream().map(t -> database + "." + t).toList());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
