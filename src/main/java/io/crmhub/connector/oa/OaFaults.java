package io.crmhub.connector.oa;

import jakarta.xml.bind.JAXBException;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.transport.http.HTTPException;

/**
 * Sorts a failed OA call into transient ({@link OaUnavailableException}: retried with back-off) or
 * rejected ({@link OaRejectedException}). Reasons name the operation and the kind of failure, never data.
 * The CXF exception is not kept as the cause on purpose: Camel picks the error-handling clause from the
 * innermost cause first, where the catch-all {@code java.lang.Exception} would win over the transient list.
 */
final class OaFaults {

    private OaFaults() {}

    static RuntimeException classify(OaEntity entity, Throwable failure) {
        String op = "oa " + entity.operation() + ": ";
        // checked first: CXF reports an unparseable reply as a client-side "Sender" fault, but the page is
        // what is broken, so it is the OA's transient fault
        if (causedBy(failure, XMLStreamException.class) || causedBy(failure, JAXBException.class)) {
            return new OaUnavailableException(op + "reply is not readable XML", null);
        }
        SoapFault fault = cause(failure, SoapFault.class);
        if (fault != null) {
            String code = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
            return "Client".equals(code) || "Sender".equals(code)
                    ? new OaRejectedException(op + "SOAP client fault: " + fault.getMessage(), null)
                    : new OaUnavailableException(op + "SOAP " + code + " fault: " + fault.getMessage(), null);
        }
        HTTPException http = cause(failure, HTTPException.class);
        if (http != null && http.getResponseCode() >= 400 && http.getResponseCode() < 500) {
            return new OaRejectedException(op + "HTTP " + http.getResponseCode()
                    + (http.getResponseCode() == 401 ? " (credentials refused)" : ""), null);
        }
        if (http != null) {
            return new OaUnavailableException(op + "HTTP " + http.getResponseCode(), null);
        }
        return new OaUnavailableException(op + "no readable reply (timeout, connection, transport or XML: "
                + rootOf(failure).getClass().getSimpleName() + ")", null);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
