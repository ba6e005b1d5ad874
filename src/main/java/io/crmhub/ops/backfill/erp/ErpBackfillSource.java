package io.crmhub.ops.backfill.erp;

import io.crmhub.config.DatabaseLinkProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.BackfillProperties;
import io.crmhub.ops.backfill.BackfillSource;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * ERP backfill by JDBC: keyset pages over one captured table inside one REPEATABLE READ snapshot (see
 * {@link ErpSnapshot} for why its records carry the snapshot's WAL position as sequence). Range = primary key range.
 */
@Component
public class ErpBackfillSource implements BackfillSource {

    private final ErpConnectorProperties erp;
    private final BackfillProperties props;
    private final DatabaseLinkProperties links;

    public ErpBackfillSource(ErpConnectorProperties erp, BackfillProperties props, DatabaseLinkProperties links) {
        this.erp = erp;
        this.props = props;
        this.links = links;
    }

    @Override
    public String system() {
        return "erp";
    }

    @Override
    public SourceSnapshot open(String entity, String from, String to, OptionalLong runSequence) {
        if (!erp.tables().contains(entity)) {
            throw new BackfillException("erp has no captured table '" + entity + "'; tables: " + erp.tables());
        }
        Connection connection = connect();
        try {
            return ErpSnapshot.open(connection, erp.schema(), entity, from, to, runSequence, props.quietWaitMs());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof BackfillException b ? b : new BackfillException("erp " + entity + ": cannot open a"
                    + " snapshot (" + e.getClass().getSimpleName() + ", SQL state " + sqlState(e) + ")", e);
        }
    }

    private Connection connect() {
        // hub.database.*: SSL mode and root certificate, connect/socket timeouts, keep-alive (no statement_timeout:
        // a page read is bounded by the socket timeout)
        String url = links.jdbcUrl("jdbc:postgresql://" + erp.host() + ":" + erp.port() + "/" + erp.database()
                + "?ApplicationName=crm-hub-backfill", false);
        try {
            return DriverManager.getConnection(url, erp.user(), erp.password());
        } catch (SQLException e) {
            throw new BackfillException("cannot connect to the ERP database at " + erp.host() + ":" + erp.port()
                    + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private static String sqlState(Exception e) {
        return e instanceof SQLException s ? s.getSQLState() : "-";
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure: the first error is the one to report
        }
    }
}
