package io.crmhub.connector.debezium;

import java.time.Instant;

/**
 * A Debezium engine that ended on its own: when, and why as exception types and SQLStates only (a driver's message
 * may quote a row).
 *
 * @param since  when the engine ended
 * @param reason e.g. {@code io.debezium.DebeziumException <- org.postgresql.util.PSQLException (SQLState 55000)}
 */
public record EngineFailure(Instant since, String reason) {

    static EngineFailure of(Throwable error) {
        if (error == null) {
            return new EngineFailure(Instant.now(), "the engine stopped without an error");
        }
        StringBuilder reason = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) {
                reason.append(" <- ");
            }
            reason.append(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                reason.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return new EngineFailure(Instant.now(), reason.toString());
    }
}
