package io.crmhub.store;

import java.net.ConnectException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure is the world's (database or broker away, a lock lost, a timeout: try again later) or the
 * data's (try again and it fails again). The same list as the {@code hub-errors} route configuration.
 */
public final class Transience {

    private Transience() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof java.net.SocketException
                    || t instanceof TimeoutException || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.sql.SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            // The database went away in the middle of a transaction and its rollback failed too: Spring then throws
            // the rollback's exception ("This connection has been closed"), the one that tells why is beside it.
            // When the commit itself failed, Spring only logs the commit's exception ("Commit exception overridden by
            // rollback exception") and throws the rollback's alone, with nothing beside it; its cause is then often
            // Hikari's "Connection is closed", an SQLException without an SQLState. A commit or a rollback that could
            // not be carried out is the connection's failure, never the data's (the data's refusals surface from the
            // statements, translated to DataIntegrityViolationException and the like).
            if (t instanceof org.springframework.transaction.TransactionSystemException tx) {
                Throwable application = tx.getApplicationException();
                return application == null || isTransient(application);
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes of a link or server gone, not of the data: 08 connection exception (08003 "connection does
     * not exist", 08006 "connection failure"), 57P01–57P03 (administrator or crash shutdown, cannot connect now),
     * 53 insufficient resources.
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
    }
}
