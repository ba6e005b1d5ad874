package io.crmhub.partner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Golden customers as partners read them, rendered to JSON once per version: golden id → (version, bytes), least
 * recently read evicted first once the entries pass {@code maxBytes}. It holds no truth of its own: every read
 * asks the store for the customer's current version in the same query that would render it
 * ({@link GoldenCustomers#current}), and an entry serves only while its version is the store's. So a change made by
 * any hub instance, by any path (store consumer, identity batch, steward merge or unmerge), is seen by the next
 * read, and nothing has to be invalidated. Split into segments, each with its own lock, so that 5,000 connections
 * do not queue on one.
 */
final class RenderedCustomers {

    /** A golden customer rendered at {@code version}. */
    record Entry(long version, byte[] json) {
        long weight() {
            return json.length + 96L; // the array, the entry and the map node around it
        }
    }

    private static final int SEGMENTS = 16;

    private final Segment[] segments = new Segment[SEGMENTS];

    RenderedCustomers(long maxBytes) {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(maxBytes / SEGMENTS);
        }
    }

    Entry get(UUID id) {
        return segment(id).get(id);
    }

    /** Keeps the newer of the entry given and one already there (two readers may render different versions). */
    void put(UUID id, Entry entry) {
        segment(id).put(id, entry);
    }

    long bytes() {
        long total = 0;
        for (Segment s : segments) {
            total += s.bytes();
        }
        return total;
    }

    int size() {
        int total = 0;
        for (Segment s : segments) {
            total += s.size();
        }
        return total;
    }

    private Segment segment(UUID id) {
        return segments[(int) ((id.getLeastSignificantBits() ^ id.getMostSignificantBits()) & (SEGMENTS - 1))];
    }

    private static final class Segment {

        private final long maxBytes;
        private final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
        private long bytes;

        Segment(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        synchronized Entry get(UUID id) {
            return entries.get(id);
        }

        synchronized void put(UUID id, Entry entry) {
            if (entry.weight() > maxBytes) {
                return; // larger than the whole segment: render it each time rather than empty the segment
            }
            Entry old = entries.get(id);
            if (old != null) {
                if (old.version() >= entry.version()) {
                    return;
                }
                bytes -= old.weight();
            }
            entries.put(id, entry);
            bytes += entry.weight();
            var eldest = entries.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                Map.Entry<UUID, Entry> e = eldest.next();
                bytes -= e.getValue().weight();
                eldest.remove();
            }
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized int size() {
            return entries.size();
        }
    }
}
