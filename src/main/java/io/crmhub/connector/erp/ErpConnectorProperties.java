package io.crmhub.connector.erp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The ERP database and how Debezium reads its write-ahead log ({@code hub.connectors.erp.*}).
 *
 * @param enabled               run the ERP CDC route (off where another pod holds the slot, or no ERP exists)
 * @param host                  ERP PostgreSQL host
 * @param port                  ERP PostgreSQL port
 * @param database              ERP database name
 * @param user                  user with the REPLICATION attribute and SELECT on the captured tables
 * @param password              its password (from the environment or a mounted secret, never a file in git)
 * @param schema                schema holding the captured tables
 * @param tables                captured tables, without schema
 * @param slotName              logical replication slot; one per hub deployment
 * @param publicationName       pgoutput publication; created for {@code tables} when missing
 * @param snapshotMode          Debezium snapshot mode; {@code initial} reads existing rows once, as READ
 * @param pollIntervalMs        how long Debezium waits for new changes before polling again
 * @param maxBatchSize          most changes handed over per poll
 * @param offsetFlushIntervalMs 0: the position is written to the offset table after every batch the hub acknowledged,
 *                              so a crash reads at most that one batch again; above 0: at most this often (fewer
 *                              writes, more re-reads after a crash; harmless, the store is idempotent)
 * @param offsetTable           table in the CRM store database holding Debezium offsets
 * @param stopTimeoutMs         on stop (shutdown, hand-over), longest wait for the change still in the route before
 *                              the reader closes anyway (that change is then read again after the restart)
 * @param debezium              any other Debezium/Kafka Connect setting, passed through unchanged
 */
@Validated
@ConfigurationProperties("hub.connectors.erp")
public record ErpConnectorProperties(
        boolean enabled,
        @NotBlank String host,
        @Min(1) @Max(65535) int port,
        @NotBlank String database,
        @NotBlank String user,
        String password,
        @NotBlank String schema,
        @NotEmpty List<String> tables,
        @NotBlank String slotName,
        @NotBlank String publicationName,
        @NotBlank String snapshotMode,
        @Min(1) long pollIntervalMs,
        @Min(1) int maxBatchSize,
        @Min(0) long offsetFlushIntervalMs,
        @NotBlank String offsetTable,
        @Min(0) long stopTimeoutMs,
        Map<String, String> debezium) {

    public String tableIncludeList() {
        return String.join(",", tables.stream().map(t -> schema + "." + t).toList());
    }
}
