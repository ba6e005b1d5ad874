package io.crmhub.connector.oa;

/** Exchange headers of the OA poll route. */
final class OaHeaders {

    /** The {@link OaEntity} being paged. */
    static final String ENTITY = "oaEntity";
    /** The {@link OaWatermark} after the page just read; stored once the page is published. */
    static final String NEXT = "oaNext";
    /** Whether the OA holds more changes after this page (Boolean). */
    static final String HAS_MORE = "oaHasMore";

    private OaHeaders() {}
}
