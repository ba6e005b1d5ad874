package io.crmhub.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which scope each API path needs, in one table: the authorisation rules are built from it, and a 403 names
 * the scope that was missing. SOAP operations check their scope in the service (one URL, three operations).
 * The KPI API (GET /api/v1/kpis) needs {@code kpis:read}; the identity admin API a data steward's
 * {@code identity:admin}; the dead-letter API an operator's {@code operations:admin}.
 */
final class ScopeRules {

    record Rule(RequestMatcher matcher, String scope, String description) {}

    static final List<Rule> RULES = List.of(
            rule(null, "/api/v1/identity/**", Scopes.IDENTITY_ADMIN, "the identity admin API"),
            rule(null, "/api/v1/dead-letters/**", Scopes.OPERATIONS_ADMIN, "the dead-letter API"),
            rule(null, "/api/v1/dead-letters", Scopes.OPERATIONS_ADMIN, "the dead-letter API"),
            rule(HttpMethod.GET, "/api/v1/kpis/**", Scopes.KPIS_READ, "reading KPIs"),
            rule(HttpMethod.GET, "/api/v1/kpis", Scopes.KPIS_READ, "reading KPIs"),
            rule(HttpMethod.GET, "/api/v1/customers", Scopes.CUSTOMERS_READ, "reading customers"),
            rule(HttpMethod.GET, "/api/v1/customers/**", Scopes.CUSTOMERS_READ, "reading customers"),
            rule(null, "/api/v1/partners/**", Scopes.CUSTOMERS_WRITE, "writing a partner's customers"));

    private ScopeRules() {}

    private static Rule rule(HttpMethod method, String pattern, String scope, String description) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new Rule(method == null ? paths.matcher(pattern) : paths.matcher(method, pattern), scope, description);
    }

    static Optional<Rule> of(HttpServletRequest request) {
        return RULES.stream().filter(r -> r.matcher().matches(request)).findFirst();
    }
}
