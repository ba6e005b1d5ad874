package io.crmhub.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** 429 with Retry-After once an authenticated partner has used up its token bucket. */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Partner partner) {
            long wait = limiter.retryAfterSeconds(partner);
            if (wait > 0) {
                response.setHeader("Retry-After", String.valueOf(wait));
                ApiErrors.write(request, response, 429, "rate-limited", "partner " + partner.id()
                        + " is over its request rate; retry after " + wait + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
