package io.crmhub.api.security;

import io.crmhub.partner.PartnerProperties.RateLimit;
import java.util.Set;

/**
 * An authenticated partner: who it is, which of its keys it used (for logs and rotation), what it may do.
 *
 * @param id        partner id; its writes come from source system {@code partner:<id>}
 * @param keyId     the id of the key presented (never the key itself)
 * @param scopes    what the partner may do, see {@link Scopes}
 * @param rateLimit the partner's own limit, or null for the default
 */
public record Partner(String id, String keyId, Set<String> scopes, RateLimit rateLimit) {

    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
