package io.crmhub.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error page for requests it refuses itself, before any servlet or filter of the hub sees them: an encoded
 * NUL ({@code %00}) in the path, a path that climbs above the root, a malformed request line. Instead of Tomcat's HTML
 * page without a reason, the same 400 problem+json {@code rejected-url} (SOAP fault on {@code /soap}) as Spring
 * Security's firewall gives (found by the fuzz campaign, docs/reliability.md). Requests that reached a servlet keep
 * Tomcat's behaviour: their errors are Spring's to render.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (request.getWrapper() != null) {
            super.report(request, response, throwable);
            return;
        }
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is gone: nothing can be written
        }
        try {
            ApiErrors.write(request, response, response.getStatus(), "rejected-url", reason(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reason(Request request) {
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        if (uri.contains("%00")) {
            return "the request URL was refused: it contains an encoded NUL character (%00)";
        }
        return "the request URL was refused by the HTTP server before the API saw it (malformed or unsafe path)";
    }
}
