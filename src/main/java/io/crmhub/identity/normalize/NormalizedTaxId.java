package io.crmhub.identity.normalize;

import java.util.Optional;

/**
 * A tax id after normalisation. Only a valid one may be used to match: a mistyped code that happens to
 * equal another company's would otherwise merge two companies on the strongest rule there is.
 *
 * @param value   the normalised text (upper case, no spaces or hyphens), valid or not
 * @param problem why it is not a valid unified social credit code; null when it is valid
 */
public record NormalizedTaxId(String value, Problem problem) {

    public enum Problem { WRONG_LENGTH, BAD_CHARACTER, BAD_CHECK_CHARACTER }

    public boolean valid() {
        return problem == null;
    }

    /** The code for matching: present only when valid. */
    public Optional<String> matchKey() {
        return valid() ? Optional.of(value) : Optional.empty();
    }
}
