package io.crmhub.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Cross-site request forgery on the management port. A browser that holds an operator's Basic login sends it with
 * any request another site makes it send, so:
 * <ul>
 * <li>a request that may change something (any method but GET, HEAD, OPTIONS) carrying an {@code Origin} (or, without
 * one, a {@code Referer}) from another site is refused with 403. Same site means the origin's host and port equal the
 * request's {@code Host} header (default ports ignored), or the origin is listed in
 * {@code hub.management.allowed-origins}. A request without either header comes from a non-browser client (curl,
 * scripts): browsers always send {@code Origin} with a POST;</li>
 * <li>Jolokia's {@code exec} and {@code write} are refused over GET (a cross-site image or link sends no
 * {@code Origin}): they must be POSTed, as Hawtio does.</li>
 * </ul>
 * Spring Security's CSRF tokens are not used: Hawtio's page posts to Jolokia without them. What a login may do
 * through Jolokia is limited by {@code jolokia-access.xml}.
 */
final class ManagementOriginFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> allowedOrigins;

    ManagementOriginFilter(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty())
                .map(ManagementOriginFilter::authority).filter(a -> a != null).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!SAFE_METHODS.contains(method)) {
            String origin = request.getHeader("Origin");
            if (origin == null) {
                origin = request.getHeader("Referer");
            }
            if (origin != null && !sameSite(origin, request)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN,
                        "cross-site request refused: the Origin is not this management port's own");
                return;
            }
        } else if ("GET".equals(method) && isJolokiaChange(request)) {
            response.setHeader("Allow", "POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "Jolokia exec and write are accepted by POST only");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean sameSite(String origin, HttpServletRequest request) {
        String authority = authority(origin);
        if (authority == null) {
            return false; // "null" (sandboxed frames, file:) or unparseable
        }
        if (allowedOrigins.contains(authority)) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && authority.equals(withoutDefaultPort(host.toLowerCase(Locale.ROOT), request.getScheme()));
    }

    /** host[:port] of an origin or referer URL, lower case, the scheme's default port left out; null if none. */
    static String authority(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return null;
            }
            return withoutDefaultPort(uri.getRawAuthority().toLowerCase(Locale.ROOT), uri.getScheme());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        if (("http".equals(s) && authority.endsWith(":80")) || ("https".equals(s) && authority.endsWith(":443"))) {
            return authority.substring(0, authority.lastIndexOf(':'));
        }
        return authority;
    }

    /** A Jolokia GET whose type (first path element after /jolokia, or the p parameter's) is exec or write. */
    static boolean isJolokiaChange(HttpServletRequest request) {
        String uri = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
        int at = uri.indexOf("/jolokia");
        if (at < 0) {
            return false;
        }
        String p = request.getParameter("p");
        String rest = p != null ? p : uri.substring(at + "/jolokia".length());
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int slash = rest.indexOf('/');
        String type = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        return type.equals("exec") || type.equals("write");
    }
}
