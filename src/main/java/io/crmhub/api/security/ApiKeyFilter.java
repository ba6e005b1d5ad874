package io.crmhub.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a partner by the API key in {@value #HEADER}. No key: the request goes on anonymous, and the
 * authorisation rules answer 401 where one is needed. A key that is unknown or expired: 401 at once, saying so.
 * The partner id and key id (never the key) go into the log context ({@code partner}, {@code partnerKey}).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final PartnerCredentials credentials;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(PartnerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Partner> partner = credentials.authenticate(key.strip());
        if (partner.isEmpty()) {
            ApiErrors.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated",
                    "the API key in " + HEADER + " is unknown, revoked or expired");
            return;
        }
        var context = contexts.createEmptyContext();
        context.setAuthentication(new PartnerAuthentication(partner.get()));
        contexts.setContext(context);
        MDC.put("partner", partner.get().id());
        MDC.put("partnerKey", partner.get().keyId());
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
            MDC.remove("partner");
            MDC.remove("partnerKey");
        }
    }

    /** An authenticated partner with its scopes as authorities. */
    static final class PartnerAuthentication extends AbstractAuthenticationToken {

        private final Partner partner;

        PartnerAuthentication(Partner partner) {
            super(partner.scopes().stream().map(s -> new SimpleGrantedAuthority(Scopes.authority(s))).toList());
            this.partner = partner;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Partner getPrincipal() {
            return partner;
        }

        @Override
        public String getName() {
            return partner.id();
        }
    }
}
