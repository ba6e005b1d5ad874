package io.crmhub.connector;

/** Exchange headers every connector sets, so that shared stages (dead letter, metrics) know the source. */
public final class SourceHeaders {

    /**
     * The {@link io.crmhub.canonical.SourceRef} of the record being processed; set by the connector as soon
     * as it knows system, entity and key (even if later the record cannot be mapped).
     */
    public static final String SOURCE_REF = "HubSourceRef";

    private SourceHeaders() {}
}
