package io.crmhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** The world's failures (retry later) against the data's (isolate and dead-letter): what ChaosIT met in the outage. */
class TransienceTest {

    @Test
    void aRollbackThatFailedBecauseTheDatabaseWentAwayIsTheWorlds() {
        // TransactionTemplate: "Application exception overridden by rollback exception"
        TransactionSystemException rollback = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("This connection has been closed.", "08003"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(Transience.isTransient(rollback)).isTrue();
    }

    @Test
    void aCommitCutByARestartIsTheWorlds() {
        // "Commit exception overridden by rollback exception": Spring logs the commit's 57P01 and throws only the
        // rollback's failure, whose cause is Hikari's closed-connection stand-in (no SQLState); ChaosIT's
        // crm-db-outage once dead-lettered a valid event for it
        assertThat(Transience.isTransient(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void connectionAndShutdownStatesAreTheWorlds() {
        assertThat(Transience.isTransient(new UncategorizedSQLException("apply", "SELECT 1",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(Transience.isTransient(new UncategorizedSQLException("apply", "SELECT 1",
                new SQLException("This connection has been closed.", "08003")))).isTrue();
    }

    @Test
    void aRefusedRowIsTheDatas() {
        assertThat(Transience.isTransient(new DataIntegrityViolationException("check",
                new SQLException("new row violates check constraint", "23514")))).isFalse();
        TransactionSystemException rollbackAfterRefusal = new TransactionSystemException("rollback failed");
        rollbackAfterRefusal.initApplicationException(new DataIntegrityViolationException("not null",
                new SQLException("null value in column", "23502")));
        assertThat(Transience.isTransient(rollbackAfterRefusal)).isFalse();
    }
}
