package io.crmhub.api;

import io.crmhub.partner.GoldenCustomers;
import io.crmhub.partner.PartnerException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * {@code GET /api/v1/customers/{id}}, the read partners make thousands of times a second, answered right behind the
 * security filters (API key, rate limit, scope {@code customers:read} all checked) without Spring MVC's dispatch:
 * handler lookup, argument resolution, return-value handling and message conversion cost more CPU than the answer,
 * which is one query and bytes kept from the last rendering ({@link GoldenCustomers#current}). It writes exactly
 * what {@link CustomerController#customer} writes (200 with the JSON and ETag, or 304) and leaves everything else
 * to the controller: an id that is not a UUID, an unknown id (problem answer) and a merged one (301).
 */
final class CustomerReadFilter extends OncePerRequestFilter {

    static final String PATTERN = "/api/v1/customers/{id}";
    private static final String PREFIX = "/api/v1/customers/";
    private static final int UUID_LENGTH = 36;

    private final GoldenCustomers golden;

    CustomerReadFilter(GoldenCustomers golden) {
        this.golden = golden;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || id(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String seen = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        long seenVersion = ETags.version(seen);
        GoldenCustomers.Current current;
        try {
            current = golden.current(id(request), seenVersion);
        } catch (PartnerException e) {
            chain.doFilter(request, response); // not found: the controller's problem answer
            return;
        }
        if (current.merged()) {
            chain.doFilter(request, response); // the controller follows the merge chain
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATTERN));
        write(current, seenVersion, response);
    }

    /** 304 when the client holds this version, else 200 with the customer's JSON; ETag either way. */
    static void write(GoldenCustomers.Current current, long seenVersion, HttpServletResponse response)
            throws IOException {
        response.setHeader(HttpHeaders.ETAG, ETags.of(current.version()));
        if (current.version() == seenVersion || current.json() == null) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(current.json().length);
        response.getOutputStream().write(current.json());
    }

    /** The id of {@code /api/v1/customers/<uuid>} exactly (no further segment, no encoding), else null. */
    private static UUID id(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int start = request.getContextPath().length() + PREFIX.length();
        if (uri.length() != start + UUID_LENGTH || !uri.startsWith(PREFIX, start - PREFIX.length())) {
            return null;
        }
        try {
            return UUID.fromString(uri.substring(start));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
