package io.crmhub.ops.deadletter;

import java.sql.SQLException;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A database error as a dead letter may keep it: the SQLState with its name, and where PostgreSQL says so the
 * table, constraint and column; never the message (it quotes the statement and the offending values, e.g.
 * {@code Key (email)=(…)} or a fragment of a customer's name).
 */
final class DatabaseErrors {

    /** The SQLStates a store write meets (PostgreSQL appendix A), for a reason an operator can read. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("22001", "value too long"),
            Map.entry("22003", "numeric value out of range"),
            Map.entry("22007", "invalid datetime format"),
            Map.entry("22008", "datetime field overflow"),
            Map.entry("22021", "character not in repertoire"),
            Map.entry("22P02", "invalid text representation"),
            Map.entry("22P05", "untranslatable character"),
            Map.entry("23502", "not-null violation"),
            Map.entry("23503", "foreign key violation"),
            Map.entry("23505", "unique violation"),
            Map.entry("23514", "check violation"),
            Map.entry("40001", "serialization failure"),
            Map.entry("40P01", "deadlock detected"),
            Map.entry("57014", "statement timeout or cancel"));

    private DatabaseErrors() {}

    static String summary(SQLException error) {
        String state = error.getSQLState();
        StringBuilder out = new StringBuilder("database refused the write: SQLState ")
                .append(state == null ? "unknown" : state);
        String name = state == null ? null : NAMES.get(state);
        if (name != null) {
            out.append(" (").append(name).append(')');
        }
        ServerErrorMessage server = error instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null) {
            append(out, "table", server.getTable());
            append(out, "constraint", server.getConstraint());
            append(out, "column", server.getColumn());
            append(out, "type", server.getDatatype());
        }
        return out.toString();
    }

    /** {@code " at io.crmhub.store.X.y(X.java:12)"}: the hub's own frame nearest the failure, else the top one. */
    static String where(Throwable error) {
        StackTraceElement[] stack = error.getStackTrace();
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("io.crmhub.")) {
                return " at " + frame;
            }
        }
        return stack.length == 0 ? "" : " at " + stack[0];
    }

    private static void append(StringBuilder out, String what, String value) {
        if (value != null && !value.isBlank()) {
            out.append(", ").append(what).append(' ').append(value);
        }
    }
}
