package io.crmhub.ops.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A database snapshot's page condition on its key column: after the cursor, within an optional {@code from}/{@code to}
 * range, and the statement with those values bound in that order (then the page size). Shared by the PostgreSQL and
 * the MySQL/MariaDB snapshots, which differ only in how a bound value is cast to the key's type.
 */
public final class KeyRange {

    private KeyRange() {}

    /** @param placeholder the bound value as the key column compares with it, e.g. {@code CAST(? AS bigint)} */
    public static String where(String quotedKey, String placeholder, boolean afterCursor, String from, String to) {
        List<String> conditions = new ArrayList<>();
        if (afterCursor) {
            conditions.add(quotedKey + " > " + placeholder);
        }
        if (from != null) {
            conditions.add(quotedKey + " >= " + placeholder);
        }
        if (to != null) {
            conditions.add(quotedKey + " <= " + placeholder);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The statement with the cursor, from and to (those not null, in that order) and the limit (if any) bound. */
    public static PreparedStatement bind(Connection connection, String sql, String cursor, String from, String to,
                                         Integer limit) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        int i = 1;
        for (String value : new String[] {cursor, from, to}) {
            if (value != null) {
                st.setString(i++, value);
            }
        }
        if (limit != null) {
            st.setInt(i, limit);
        }
        return st;
    }
}
