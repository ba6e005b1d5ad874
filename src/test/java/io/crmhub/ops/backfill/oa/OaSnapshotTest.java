package io.crmhub.ops.backfill.oa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.oa.OaChangePage;
import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.OaPaging;
import io.crmhub.connector.oa.OaUnavailableException;
import io.crmhub.connector.oa.OaWatermark;
import io.crmhub.ops.backfill.SourceSnapshot.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OA snapshot's page: READ with the live version, tombstones kept, unreadable items passed on, own cursor. */
class OaSnapshotTest {

    private static final Instant T = Instant.parse("2024-06-04T05:00:00.123Z");

    private final OaPaging paging = mock(OaPaging.class);
    private final OaSnapshot snapshot = new OaSnapshot(paging, OaEntity.TICKETS, new OaRetry());

    @Test
    void aPageBecomesSnapshotReadsWithTheLiveVersionAndTheRunsOwnCursor() {
        OaWatermark next = new OaWatermark(T, "T-3");
        when(paging.pageAfter(OaEntity.TICKETS, OaWatermark.BEGINNING, 3)).thenThrow(
                new OaUnavailableException("oa tickets: HTTP 503", null)).thenReturn(new OaChangePage(List.of(
                        change("T-1", ChangeOp.UPDATE, 7), change("T-2", ChangeOp.DELETE, 2)),
                List.of(new OaChangePage.Malformed(new SourceRef("oa", "tickets", "T-3", next.position(), 0),
                        Map.of("id", "T-3"), "oa tickets: version 0 is not a positive change counter")), next, true));

        Page page = snapshot.next(null, 3);

        assertThat(page.changes()).extracting(SourceChange::key, SourceChange::op, SourceChange::sequence,
                SourceChange::position).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("T-1", ChangeOp.READ, 7L, T + "|T-1"),
                        org.assertj.core.groups.Tuple.tuple("T-2", ChangeOp.DELETE, 2L, T + "|T-2"));
        assertThat(page.unreadable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("version 0"));
        assertThat(page.cursor()).isEqualTo(T + "|T-3");
        assertThat(OaWatermark.parse(page.cursor())).isEqualTo(next);
    }

    @Test
    void anEmptyPageKeepsTheCursorAndTheCountPagesThroughTheFeed() {
        OaWatermark after = new OaWatermark(T, "T-1");
        when(paging.pageAfter(eq(OaEntity.TICKETS), any(), anyInt())).thenReturn(
                new OaChangePage(List.of(), List.of(), after, false));
        when(paging.pageAfter(OaEntity.TICKETS, OaWatermark.BEGINNING, OaSnapshot.MAX_PAGE)).thenReturn(
                new OaChangePage(List.of(change("T-1", ChangeOp.CREATE, 1)), List.of(), after, false));

        assertThat(snapshot.next(after.position(), 500).isEmpty()).isTrue();
        assertThat(snapshot.next(after.position(), 500).cursor()).isEqualTo(after.position());
        assertThat(snapshot.count()).isEqualTo(1);
    }

    private static SourceChange change(String id, ChangeOp op, long version) {
        return new SourceChange("oa", "tickets", op, id, new OaWatermark(T, id).position(), version, T,
                Map.of("id", id));
    }
}
