package io.crmhub.api.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmhub.canonical.CanonicalJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.HtmlUtils;

/**
 * Refusals made before a request reaches a controller or the SOAP service (authentication, scope, rate limit,
 * size): {@code application/problem+json} on {@code /api}, a SOAP fault with the same code on {@code /soap},
 * so that each client gets an error in the language it already parses.
 */
public final class ApiErrors {

    /** Problem types share this prefix (as in {@code io.crmhub.api.ApiProblems}). */
    public static final String TYPES = "https://crm-hub.io/problems/";

    private ApiErrors() {}

    /**
     * @param code problem type suffix and SOAP fault code, e.g. {@code unauthenticated} / {@code UNAUTHENTICATED}
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                             String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        if (request.getRequestURI().startsWith("/soap/")) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getOutputStream().write(soapFault(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                    detail).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode problem = CanonicalJson.mapper().createObjectNode();
        problem.put("type", TYPES + code);
        problem.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setContentType("application/problem+json");
        response.getOutputStream().write(CanonicalJson.mapper().writeValueAsBytes(problem));
    }

    /** A SOAP 1.1 fault whose detail is the WSDL's CustomerFault element. */
    static String soapFault(String code, String message) {
        String text = HtmlUtils.htmlEscape(message);
        return """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>\
                <faultcode>soap:Client</faultcode><faultstring>%s</faultstring><detail>\
                <c:CustomerFault xmlns:c="http://crmhub.io/partner/customer/v1"><c:code>%s</c:code>\
                <c:message>%s</c:message></c:CustomerFault></detail></soap:Fault></soap:Body></soap:Envelope>"""
                .formatted(text, code, text);
    }
}
