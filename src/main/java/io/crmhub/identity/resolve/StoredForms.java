package io.crmhub.identity.resolve;

import io.crmhub.identity.normalize.NormalizedForms;
import org.springframework.stereotype.Component;

/**
 * Which stored normalised form ({@code identity_link.normalized}) may stand in for its record: the one whose
 * {@code match_version} names the running normaliser and the record's stored source sequence.
 */
@Component
class StoredForms {

    private final String prefix;

    StoredForms(IdentityProperties properties) {
        this.prefix = NormalizedForms.fingerprint(properties.defaultPhoneRegion()) + ":";
    }

    /** The {@code match_version} of a form made now of the record's version {@code sequence}. */
    String version(long sequence) {
        return prefix + sequence;
    }

    /** What {@code match_version} starts with when the running normaliser made the form. */
    String prefix() {
        return prefix;
    }
}
