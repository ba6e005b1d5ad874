package io.crmhub.ops.backfill.oa;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.oa.OaChangePage;
import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.OaPaging;
import io.crmhub.connector.oa.OaWatermark;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.util.List;

/**
 * One OA entity's change feed read from the beginning. The feed holds every record once, at its last change, ordered
 * by (modifiedAt, id); a record changed during the run moves behind the cursor's end and is read again at its new
 * version, so the run ends at the feed's end, after the latest change, and misses nothing.
 *
 * <p>Sequence: records keep the live one, the OA {@code version}, a counter of the record's own changes, and the
 * live position ({@code modifiedAt|id}). A version is one exact state of the record, so it needs no snapshot-wide
 * bound like the ERP's WAL position: the store applies the backfilled state only over an older version, a live
 * change of a later version replaces it (or already did, and the backfilled one is {@code stale}), and the same
 * version applied live before is {@code stale} too. A page re-read after a crash gives the same event ids
 * ({@code duplicate}). Items flagged {@code deleted} stay deletes (a tombstone is state, not activity); the rest
 * become {@code READ}.
 *
 * <p>Cursor: the position of the page's last item, i.e. this run's own watermark ({@code backfill_run.cursor}).
 */
final class OaSnapshot implements SourceSnapshot {

    /** The OA contract's largest page (as {@code hub.connectors.oa.page-size}). */
    static final int MAX_PAGE = 1000;

    private final OaPaging paging;
    private final OaEntity entity;
    private final OaRetry retry;

    OaSnapshot(OaPaging paging, OaEntity entity, OaRetry retry) {
        this.paging = paging;
        this.entity = entity;
        this.retry = retry;
    }

    /**
     * The OA has no count operation: the feed is paged through once in the largest pages (ids and fields are read
     * and dropped). Cheap next to the store, which applies a few dozen records per second against a thousand per
     * SOAP page; only progress and ETA use it, the reconciliation counts what it reads.
     */
    @Override
    public long count() {
        long n = 0;
        OaWatermark since = OaWatermark.BEGINNING;
        for (OaChangePage page = fetch(since, MAX_PAGE); !page.isEmpty(); page = fetch(since, MAX_PAGE)) {
            n += page.changes().size() + page.malformed().size();
            since = page.next();
            if (!page.hasMore()) {
                break;
            }
        }
        return n;
    }

    @Override
    public boolean readsAhead() {
        return false; // the feed is ordered by last change (SourceSnapshot.readsAhead)
    }

    @Override
    public Page next(String cursor, int limit) {
        OaWatermark since = cursor == null ? OaWatermark.BEGINNING : OaWatermark.parse(cursor);
        OaChangePage page = fetch(since, Math.min(limit, MAX_PAGE));
        List<SourceChange> changes = page.changes().stream().map(OaSnapshot::snapshotRead).toList();
        List<Unreadable> unreadable = page.malformed().stream()
                .map(m -> new Unreadable(m.ref(), m.row(), m.reason())).toList();
        return new Page(changes, page.isEmpty() ? cursor : page.next().position(), unreadable);
    }

    @Override
    public boolean inRange(String key) {
        return true;
    }

    @Override
    public void close() {
        // stateless: every page is one SOAP call
    }

    private OaChangePage fetch(OaWatermark since, int size) {
        return retry.call("oa " + entity.id() + " after " + since.position(),
                () -> paging.pageAfter(entity, since, size));
    }

    private static SourceChange snapshotRead(SourceChange c) {
        ChangeOp op = c.op().isDelete() ? c.op() : ChangeOp.READ;
        return new SourceChange(c.system(), c.entity(), op, c.key(), c.position(), c.sequence(), c.occurredAt(),
                c.row());
    }
}
