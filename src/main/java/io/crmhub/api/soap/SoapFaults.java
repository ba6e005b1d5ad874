package io.crmhub.api.soap;

import io.crmhub.api.soap.wsdl.CustomerFault;
import io.crmhub.api.soap.wsdl.CustomerFault_Exception;
import io.crmhub.partner.PartnerException;
import java.util.Map;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * The WSDL's CustomerFault, with a specific code for every refusal. Faults are HTTP 500 as SOAP 1.1 says,
 * except a missing scope, which is HTTP 403 like on the REST side (the status set by {@link StatusInterceptor});
 * the fault code is {@code soap:Client} for every refusal of the request, {@code soap:Server} only for UNAVAILABLE.
 */
final class SoapFaults {

    static final String FORBIDDEN = "FORBIDDEN";

    private static final Map<PartnerException.Reason, String> CODES = Map.of(
            PartnerException.Reason.NOT_FOUND, "NOT_FOUND",
            PartnerException.Reason.VERSION_REQUIRED, "VERSION_REQUIRED",
            PartnerException.Reason.VERSION_MISMATCH, "VERSION_MISMATCH",
            PartnerException.Reason.ALREADY_EXISTS, "ALREADY_EXISTS",
            PartnerException.Reason.FORBIDDEN, FORBIDDEN,
            PartnerException.Reason.UNAVAILABLE, "UNAVAILABLE");

    private SoapFaults() {}

    static CustomerFault_Exception of(PartnerException e) {
        String code = e.reason() == PartnerException.Reason.INVALID
                ? (e.field() == null ? "INVALID_REQUEST" : "INVALID_FIELD") : CODES.get(e.reason());
        return fault(code, e.field(), e.getMessage());
    }

    static CustomerFault_Exception fault(String code, String field, String message) {
        CustomerFault info = new CustomerFault();
        info.setCode(code);
        info.setField(field);
        info.setMessage(message);
        return new CustomerFault_Exception(message, info);
    }

    /** Sets HTTP 403 on a FORBIDDEN fault, before the response status is written. */
    static final class StatusInterceptor extends AbstractPhaseInterceptor<Message> {

        StatusInterceptor() {
            super(Phase.PRE_STREAM);
        }

        @Override
        public void handleMessage(Message message) {
            if (message.getContent(Exception.class) instanceof Fault fault
                    && fault.getCause() instanceof CustomerFault_Exception e) {
                if (FORBIDDEN.equals(e.getFaultInfo().getCode())) {
                    message.put(Message.RESPONSE_CODE, 403);
                }
                // every refusal but UNAVAILABLE is about the request: the client's fault, as SOAP 1.1 names it
                if (!"UNAVAILABLE".equals(e.getFaultInfo().getCode())) {
                    fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
                }
            } else if (message.getContent(Exception.class) instanceof Fault fault && unreadable(fault)) {
                // e.g. a NUL or another C0 character (XML 1.0 allows none but tab, LF, CR): the parser names the
                // character and its row and column, never the text around it
                fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
                fault.setMessage("the request is not well-formed XML: " + rootMessage(fault));
            }
        }

        private static boolean unreadable(Fault fault) {
            for (Throwable t = fault; t != null; t = t.getCause()) {
                if (t instanceof javax.xml.stream.XMLStreamException
                        || t.getClass().getName().equals("com.ctc.wstx.exc.WstxLazyException")) {
                    return true;
                }
            }
            return false;
        }

        private static String rootMessage(Throwable error) {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return text.replaceFirst("^\\[[^]]+\\] ", "").replaceAll("\\s+", " ").strip();
        }
    }
}
