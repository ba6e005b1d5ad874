package io.crmhub.ops.backfill.database;

import io.crmhub.connector.database.DatabaseSource;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.BackfillSource;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Backfill of one MySQL/MariaDB database source ({@code hub.connectors.databases[n]}) by JDBC: keyset pages over one
 * captured table inside one consistent snapshot ({@link BinlogSnapshot}). Range = primary key range. One bean per
 * source, registered by {@link DatabaseBackfillSources}; system = the source's name.
 */
public class DatabaseBackfillSource implements BackfillSource {

    private final DatabaseSource source;

    public DatabaseBackfillSource(DatabaseSource source) {
        this.source = source;
    }

    @Override
    public String system() {
        return source.name();
    }

    @Override
    public SourceSnapshot open(String entity, String from, String to, OptionalLong runSequence) {
        if (!source.tables().contains(entity)) {
            throw new BackfillException(source.name() + " has no captured table '" + entity + "'; tables: "
                    + source.tables());
        }
        Connection connection = connect();
        try {
            return BinlogSnapshot.open(connection, source.kind() == DatabaseSource.Kind.MARIADB, source.name(),
                    source.database(), entity, from, to, runSequence);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the first error is the one to report
            }
            throw e instanceof BackfillException b ? b : new BackfillException(source.name() + " " + entity
                    + ": cannot open a snapshot (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private Connection connect() {
        String url = "jdbc:" + (source.kind() == DatabaseSource.Kind.MARIADB ? "mariadb" : "mysql") + "://"
                + source.host() + ":" + source.port() + "/" + source.database();
        try {
            return DriverManager.getConnection(url, source.user(), source.password() == null ? "" : source.password());
        } catch (SQLException e) {
            throw new BackfillException("cannot connect to database source " + source.name() + " at " + source.host()
                    + ":" + source.port() + " (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
