package io.crmhub.it;

/** The clear API keys of {@code src/test/resources/partners/test-partners.yaml}. */
public final class TestPartners {

    /** Partner {@code acme}: customers:read, customers:write, kpis:read; its first key. */
    public static final String ACME = "test-acme-key-1";
    /** Partner {@code acme}'s second key (two valid keys: rotation). */
    public static final String ACME_NEXT = "test-acme-key-2";
    /** Partner {@code reader}: customers:read only. */
    public static final String READER = "test-reader-key";
    /** Partner {@code steward}: identity:admin, operations:admin, customers:read, kpis:read. */
    public static final String STEWARD = "test-steward-key";
    /** Partner {@code slow}: customers:read at 0.5 requests/s, burst 2. */
    public static final String SLOW = "test-slow-key";
    /** Partner {@code gone}: a key that expired in 2020. */
    public static final String EXPIRED = "test-expired-key";

    public static final String HEADER = "X-API-Key";

    private TestPartners() {}
}
