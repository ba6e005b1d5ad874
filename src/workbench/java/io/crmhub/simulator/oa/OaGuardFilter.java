package io.crmhub.simulator.oa;

import io.crmhub.connector.oa.OaEntity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * In front of the simulated OA: requires the configured credentials (HTTP Basic or the token header)
 * and serves the planned faults. The operation is known from the SOAPAction header, before any XML is read.
 */
final class OaGuardFilter extends HttpFilter {

    static final String TOKEN_HEADER = "X-OA-Token";
    private static final String SOAP_FAULT = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>\
            <faultcode>soap:Server</faultcode><faultstring>OA database busy, try again later</faultstring>\
            </soap:Fault></soap:Body></soap:Envelope>""";
    private static final String BROKEN_PAGE = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>\
            <ns2:Page xmlns:ns2="http://crmhub.io/oa/v1"><ns2:items><ns2:id>OA-""";

    private final String basic;
    private final String token;
    private final OaFaultPlan faults;

    OaGuardFilter(String username, String password, String token, OaFaultPlan faults) {
        this.basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.token = token == null || token.isBlank() ? null : token;
        this.faults = faults;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if ("GET".equals(req.getMethod())) {
            chain.doFilter(req, res); // the WSDL is public
            return;
        }
        if (!authorised(req)) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"oa\"");
            res.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        OaFaultPlan.Fault fault = faults.next(entityOf(req.getHeader("SOAPAction")));
        if (fault == null) {
            chain.doFilter(req, faults.controlCharactersAsReferences() ? new ControlCharacterReferences(res) : res);
            return;
        }
        switch (fault) {
            case SOAP_FAULT -> write(res, 500, "text/xml;charset=UTF-8", SOAP_FAULT);
            case HTTP_503 -> write(res, 503, "text/html", "<html><body>503 Service Unavailable</body></html>");
            case MALFORMED_XML -> write(res, 200, "text/xml;charset=UTF-8", BROKEN_PAGE);
            case SLOW -> {
                sleep(faults.slowMillis());
                chain.doFilter(req, res);
            }
        }
    }

    private boolean authorised(HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        String presented = req.getHeader(TOKEN_HEADER);
        return auth != null && equal(auth, basic) || token != null && presented != null && equal(presented, token);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static OaEntity entityOf(String soapAction) {
        if (soapAction == null) {
            return null;
        }
        String action = soapAction.replace("\"", "");
        return OaEntity.fromOperation(action.substring(action.lastIndexOf(':') + 1));
    }

    private static void write(HttpServletResponse res, int status, String type, String body) throws IOException {
        res.setStatus(status);
        res.setContentType(type);
        res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        res.flushBuffer();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // the simulated slowness itself, server side
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The page as written, but every raw C0 control byte (not tab, LF, CR) as a character reference. */
    private static final class ControlCharacterReferences extends HttpServletResponseWrapper {

        private ServletOutputStream out;

        ControlCharacterReferences(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                ServletOutputStream raw = super.getOutputStream();
                out = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                            raw.write(("&#" + b + ";").getBytes(StandardCharsets.US_ASCII));
                        } else {
                            raw.write(b);
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        raw.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        raw.setWriteListener(listener);
                    }
                };
            }
            return out;
        }

        @Override
        public void setContentLength(int length) {
            // the references make the page longer than the writer counted
        }

        @Override
        public void setContentLengthLong(long length) {
            // as above
        }
    }
}
