package io.crmhub.connector.database;

import jakarta.validation.Valid;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The MySQL/MariaDB databases the hub captures ({@code hub.connectors.databases}), besides the PostgreSQL ERP of
 * {@code hub.connectors.erp}. Empty unless configured.
 *
 * @param databases one entry per source database, each its own source system
 */
@Validated
@ConfigurationProperties("hub.connectors")
public record DatabaseSourcesProperties(@Valid List<DatabaseSource> databases) {

    public DatabaseSourcesProperties {
        databases = databases == null ? List.of() : List.copyOf(databases);
        Set<String> names = new HashSet<>();
        Set<String> replicaIds = new HashSet<>();
        for (DatabaseSource source : databases) {
            if (!names.add(source.name())) {
                throw new IllegalArgumentException("hub.connectors.databases: two sources named '" + source.name()
                        + "': each needs its own name (its mapping folder, offsets and route)");
            }
            // a server drops a binlog reader when another connects with the same server id
            if (!replicaIds.add(source.host() + ":" + source.port() + "/" + source.serverId())) {
                throw new IllegalArgumentException("hub.connectors.databases: sources on " + source.host() + ":"
                        + source.port() + " share server-id " + source.serverId() + ": give '" + source.name()
                        + "' its own (the server would disconnect one of the two binlog readers)");
            }
        }
    }
}
