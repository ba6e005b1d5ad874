package io.crmhub.connector.oa;

import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import java.util.List;
import java.util.Map;

/**
 * One page of an OA change feed, already converted at the boundary (no CXF type leaves the connector).
 *
 * @param changes   the readable items, oldest first, as live changes (op CREATE, UPDATE or DELETE)
 * @param malformed items that cannot be read as a change (no id, no modifiedAt, no positive version)
 * @param next      the watermark after the page's last item ({@code since} when the page is empty)
 * @param hasMore   whether the OA holds changes after {@code next}
 */
public record OaChangePage(List<SourceChange> changes, List<Malformed> malformed, OaWatermark next,
                           boolean hasMore) {

    /** An item the hub cannot read: where it is, its readable fields and why (no personal data in the reason). */
    public record Malformed(SourceRef ref, Map<String, Object> row, String reason) {}

    public boolean isEmpty() {
        return changes.isEmpty() && malformed.isEmpty();
    }
}
