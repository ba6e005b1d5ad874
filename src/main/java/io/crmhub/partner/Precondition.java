package io.crmhub.partner;

/**
 * What the partner expects of its record before a write (REST If-Match / If-None-Match, SOAP expectedVersion /
 * createOnly).
 *
 * @param expectedVersion the version the partner last saw; null when it sent none
 * @param anyVersion      If-Match: * — the record must exist, whatever its version
 * @param createOnly      If-None-Match: * — the record must not exist yet
 */
public record Precondition(Long expectedVersion, boolean anyVersion, boolean createOnly) {

    public static final Precondition NONE = new Precondition(null, false, false);

    boolean expectsExisting() {
        return expectedVersion != null || anyVersion;
    }
}
