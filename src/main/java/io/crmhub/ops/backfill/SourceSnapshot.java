package io.crmhub.ops.backfill;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import java.util.List;
import java.util.Map;

/** A consistent, paged read of one source entity: records come in cursor order, marked as READ. */
public interface SourceSnapshot extends AutoCloseable {

    /** Sequence shared by every record of the run (ERP: the snapshot's WAL position), 0 when records carry their own. */
    default long sequence() {
        return 0;
    }

    /** Position shared by every record of the run, for change_log and dead letters; null when records carry their own. */
    default String position() {
        return null;
    }

    /**
     * What identifies the content read (a file: its SHA-256), kept with the run so that a resume is refused when the
     * content changed in between; null when the source has no such notion.
     */
    default String fingerprint() {
        return null;
    }

    /** Records in the range (a file: its data lines, rejected ones included). */
    long count();

    /**
     * The next page.
     *
     * @param cursor the cursor of the last record already handled, or null to start from the beginning
     */
    Page next(String cursor, int limit);

    /** Whether a store record with this key belongs to the range, so the store side can be reconciled. */
    boolean inRange(String key);

    /**
     * Whether {@link #inRange} can place every store record (true for full reads and key ranges), so that store
     * records missing from the source can be listed; false for ranges the store cannot see, such as file dates.
     */
    default boolean placesStoreRecords() {
        return true;
    }

    /**
     * Whether the next page may be read while the store applies the current one (a snapshot's pages are fixed, so a
     * page read a little earlier is the same page). False for a feed ordered by last change, like the OA's: a record
     * changed while its page waits would be read at the older version and again at the end — harmless (stale), but
     * the run then sees the feed at other moments than the pages it has applied.
     */
    default boolean readsAhead() {
        return true;
    }

    @Override
    void close();

    /**
     * A page of records and the cursor after its last one, and the source items of the page that cannot be read as
     * a record at all (dead-lettered with their reason, not reconciled: they have no usable key).
     *
     * @param events   the changes already mapped by the source (to validate them, like a file's rows), in the same
     *                 order, or null: the backfill maps them
     * @param rejected items the source itself refused into its rejects file (a file's bad lines), counted only
     */
    record Page(List<SourceChange> changes, String cursor, List<Unreadable> unreadable, List<CanonicalEvent> events,
                int rejected) {

        public Page(List<SourceChange> changes, String cursor) {
            this(changes, cursor, List.of());
        }

        public Page(List<SourceChange> changes, String cursor, List<Unreadable> unreadable) {
            this(changes, cursor, unreadable, null, 0);
        }

        public boolean isEmpty() {
            return changes.isEmpty() && unreadable.isEmpty() && rejected == 0;
        }
    }

    /** A source item that is not a readable record: where it is, its raw fields, why (no personal data). */
    record Unreadable(SourceRef ref, Map<String, Object> row, String reason) {}
}
