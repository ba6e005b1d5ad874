package io.crmhub.connector.oa;

import java.time.Instant;

/**
 * How far the hub has read one OA entity: the last change published, as (modifiedAt, id). The OA
 * answers changes strictly after it, so equal timestamps are told apart by the id.
 */
public record OaWatermark(Instant modifiedAt, String id) {

    /** Before every change: the OA then answers from its oldest change on. */
    public static final OaWatermark BEGINNING = new OaWatermark(Instant.EPOCH, "");

    /** {@code 2024-06-04T05:00:00.123Z|T-000042}: the source position of changes read up to here. */
    public String position() {
        return modifiedAt + "|" + id;
    }

    /** The watermark of a {@link #position()}. */
    public static OaWatermark parse(String position) {
        int bar = position.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("not an OA position: '" + position + "'");
        }
        return new OaWatermark(Instant.parse(position.substring(0, bar)), position.substring(bar + 1));
    }

    public boolean isBeginning() {
        return BEGINNING.equals(this);
    }
}
