package io.crmhub.identity.normalize;

/**
 * What kind of line a number is. {@link #SERVICE} (toll-free, shared-cost such as China's 400 numbers,
 * premium, universal access) is kept apart because such a hotline is shared by a whole company and must
 * count for little when matching people.
 */
public enum PhoneType {
    MOBILE("mobile"),
    LANDLINE("landline"),
    SERVICE("unknown"),
    UNKNOWN("unknown");

    private final String canonicalLabel;

    PhoneType(String canonicalLabel) {
        this.canonicalLabel = canonicalLabel;
    }

    /** The value of {@code Customer.Phone.type}: the canonical contract knows mobile, landline and unknown. */
    public String canonicalLabel() {
        return canonicalLabel;
    }
}
