package io.crmhub.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Ids from the ERP's own sequences, fetched a few thousand at a time, so generated rows get the ids the ERP would. */
final class IdPool {

    private static final int CHUNK = 5000;

    private final Connection c;
    private final Map<String, Deque<Long>> free = new HashMap<>();

    IdPool(Connection c) {
        this.c = c;
    }

    long next(String sequence) throws SQLException {
        Deque<Long> ids = free.computeIfAbsent(sequence, s -> new ArrayDeque<>());
        if (ids.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT nextval('" + sequence + "') FROM generate_series(1, " + CHUNK + ")");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids.poll();
    }
}
