package io.crmhub.partner;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Golden customer rows for partner reads, one statement for many requests. A request asks for a golden id and the
 * version it already has a rendering of; its ask joins a queue, and one of a few reader threads takes every ask
 * waiting (up to {@value #MAX_BATCH}) and answers them with one query: status and version always, the rendering
 * inputs (fields, provenance, links) only where the version differs from the one known. At 5,000 connections the
 * asks of the requests in progress share a statement, so the store works one index lookup per request instead of
 * one statement (parse of the bind, snapshot, executor start, round trip) per request; a lone request is answered
 * alone. Each ask is answered by a statement that started after the ask was made: what any transaction committed
 * before the request came in is in its answer, so batching takes nothing from read-after-write.
 */
final class GoldenReads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GoldenReads.class);

    static final int MAX_BATCH = 100;

    /**
     * The golden rows of the ids asked for (in no particular order; {@code n} is the ask's position), and for each
     * whose version is not the one known, its rendering inputs: the golden row and its links in one statement, hence
     * one snapshot. Links as one JSON array of {@code [system, entity, key, rule, linked_at in epoch microseconds,
     * deleted]}, in link order.
     */
    private static final String READ = """
            SELECT k.n, g.status, g.merged_into, g.version, g.version = k.known AS unchanged, g.created_at,
                   g.updated_at,
                   CASE WHEN g.version <> k.known THEN g.record::text END AS record,
                   CASE WHEN g.version <> k.known THEN g.provenance::text END AS provenance,
                   CASE WHEN g.version <> k.known THEN (
                       SELECT json_agg(json_build_array(l.source_system, l.source_entity, l.source_key, l.rule,
                                   (extract(epoch FROM l.linked_at) * 1000000)::bigint, c.deleted_at IS NOT NULL)
                               ORDER BY l.linked_at, l.source_system, l.source_entity, l.source_key)
                       FROM identity_link l JOIN customer_record c USING (source_system, source_entity, source_key)
                       WHERE l.golden_id = g.golden_id)::text END AS links
            FROM unnest(?::uuid[], ?::bigint[]) WITH ORDINALITY AS k(id, known, n)
            JOIN golden_customer g ON g.golden_id = k.id
            """;

    /**
     * A golden row as read. {@code unchanged}: at the version known, and then {@code record}, {@code provenance} and
     * {@code links} are null.
     */
    record Row(String status, UUID mergedInto, long version, boolean unchanged, Instant createdAt, Instant updatedAt,
               String record, String provenance, String links) {}

    private record Ask(UUID id, long known, CompletableFuture<Row> answer) {}

    private final JdbcTemplate jdbc;
    private final IntConsumer batchSizes;
    private final LinkedBlockingQueue<Ask> asks = new LinkedBlockingQueue<>();
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean closed;

    /** @param readers threads answering asks, each holding a pooled connection only while its statement runs */
    GoldenReads(JdbcTemplate jdbc, int readers, IntConsumer batchSizes) {
        this.jdbc = jdbc;
        this.batchSizes = batchSizes;
        for (int i = 0; i < readers; i++) {
            Thread reader = new Thread(this::answer, "partner-golden-reads-" + (i + 1));
            reader.setDaemon(true);
            this.readers.add(reader);
            reader.start();
        }
    }

    /** The golden row, coalesced with the asks of concurrent requests; null when there is no such golden id. */
    Row read(UUID id, long known) {
        if (closed) {
            throw new IllegalStateException("the hub is shutting down");
        }
        Ask ask = new Ask(id, known, new CompletableFuture<>());
        asks.add(ask);
        if (closed) { // close() may have drained the queue just before this ask joined it
            ask.answer().completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
        try {
            return ask.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // e.g. the store's DataAccessException, answered like any other
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The golden row read on the caller's thread, on its own. */
    Row readNow(UUID id, long known) {
        Ask ask = new Ask(id, known, new CompletableFuture<>());
        run(List.of(ask));
        return ask.answer().join();
    }

    private void answer() {
        List<Ask> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                batch.add(asks.take());
                asks.drainTo(batch, MAX_BATCH - 1);
                batchSizes.accept(batch.size());
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                batch.forEach(a -> a.answer().completeExceptionally(e));
                if (e instanceof Error) {
                    LOG.error("Golden customer reads failed", e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Ask> batch) {
        UUID[] ids = new UUID[batch.size()];
        Long[] known = new Long[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.get(i).id();
            known[i] = batch.get(i).known();
        }
        jdbc.query((Connection c) -> {
            PreparedStatement ps = c.prepareStatement(READ);
            Array idArray = c.createArrayOf("uuid", ids);
            Array knownArray = c.createArrayOf("int8", known);
            ps.setArray(1, idArray);
            ps.setArray(2, knownArray);
            return ps;
        }, (RowCallbackHandler) rs -> batch.get(rs.getInt(1) - 1).answer().complete(row(rs)));
        batch.forEach(a -> a.answer().complete(null)); // the ids no row came back for
    }

    private static Row row(ResultSet rs) throws SQLException {
        String mergedInto = rs.getString(3);
        boolean unchanged = rs.getBoolean(5);
        return new Row(rs.getString(2), mergedInto == null ? null : UUID.fromString(mergedInto), rs.getLong(4),
                unchanged, instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                unchanged ? null : rs.getString(8), unchanged ? null : rs.getString(9),
                unchanged ? null : rs.getString(10));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() {
        closed = true;
        readers.forEach(Thread::interrupt);
        for (Ask ask; (ask = asks.poll()) != null; ) {
            ask.answer().completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
    }
}
