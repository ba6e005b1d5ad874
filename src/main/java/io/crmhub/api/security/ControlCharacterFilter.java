package io.crmhub.api.security;

import io.crmhub.mapping.ControlCharacters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query parameter (name or value) or a path holding a C0 control character with 400, before a
 * controller passes it to the store: PostgreSQL cannot take a NUL in text and answered with a 500. The reason names
 * the parameter and the code point, never the value. Bodies are checked where they are read (JSON strings by
 * {@code io.crmhub.api.ControlCharacterStrings}, SOAP by the XML parser and the mappings).
 */
final class ControlCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal(request);
        if (refusal != null) {
            ApiErrors.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid-request", refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String refusal(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        int at = ControlCharacters.find(path, false);
        if (at >= 0) {
            return "the path " + ControlCharacters.describe(path, at);
        }
        if (request.getQueryString() == null) {
            return null; // a body's form parameters are not this filter's business (and reading them would consume it)
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            at = ControlCharacters.find(name, false);
            if (at >= 0) {
                return "a query parameter name " + ControlCharacters.describe(name, at);
            }
            for (String value : parameter.getValue()) {
                at = ControlCharacters.find(value, false);
                if (at >= 0) {
                    return "query parameter " + name + " " + ControlCharacters.describe(value, at);
                }
            }
        }
        return null;
    }
}
