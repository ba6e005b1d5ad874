package io.crmhub.connector.oa;

import io.crmhub.connector.oa.wsdl.ChangeItem;
import io.crmhub.connector.oa.wsdl.Contact;
import io.crmhub.connector.oa.wsdl.Contract;
import io.crmhub.connector.oa.wsdl.Survey;
import io.crmhub.connector.oa.wsdl.Ticket;
import io.crmhub.connector.oa.wsdl.Visit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generated SOAP types become plain column maps here, field by field, with the WSDL's element names
 * as column names (what {@code mappings/oa/*.yaml} refer to). Texts stay as the OA sent them.
 */
final class OaItemRows {

    private OaItemRows() {}

    static Map<String, Object> row(ChangeItem item) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", item.getId());
        if (item instanceof Contact c) {
            contact(c, row);
        } else if (item instanceof Visit v) {
            visit(v, row);
        } else if (item instanceof Contract c) {
            contract(c, row);
        } else if (item instanceof Ticket t) {
            ticket(t, row);
        } else if (item instanceof Survey s) {
            survey(s, row);
        }
        return row;
    }

    private static void contact(Contact c, Map<String, Object> row) {
        row.put("name", c.getName());
        row.put("companyName", c.getCompanyName());
        row.put("title", c.getTitle());
        row.put("mobile", c.getMobile());
        row.put("phone", c.getPhone());
        row.put("email", c.getEmail());
        row.put("owner", c.getOwner());
        row.put("birthDate", c.getBirthDate());
        row.put("idType", c.getIdType());
        row.put("idNumber", c.getIdNumber());
        row.put("idCountry", c.getIdCountry());
    }

    private static void visit(Visit v, Map<String, Object> row) {
        row.put("contactId", v.getContactId());
        row.put("type", v.getType());
        row.put("subject", v.getSubject());
        row.put("visitedAt", v.getVisitedAt());
        row.put("owner", v.getOwner());
    }

    private static void contract(Contract c, Map<String, Object> row) {
        row.put("contractNo", c.getContractNo());
        row.put("contactId", c.getContactId());
        row.put("title", c.getTitle());
        row.put("amount", c.getAmount());
        row.put("currency", c.getCurrency());
        row.put("status", c.getStatus());
        row.put("signedAt", c.getSignedAt());
        row.put("owner", c.getOwner());
    }

    private static void ticket(Ticket t, Map<String, Object> row) {
        row.put("ticketNo", t.getTicketNo());
        row.put("contactId", t.getContactId());
        row.put("category", t.getCategory());
        row.put("subject", t.getSubject());
        row.put("channel", t.getChannel());
        row.put("status", t.getStatus());
        row.put("openedAt", t.getOpenedAt());
        row.put("escalatedAt", t.getEscalatedAt());
        row.put("resolvedAt", t.getResolvedAt());
        row.put("owner", t.getOwner());
    }

    private static void survey(Survey s, Map<String, Object> row) {
        row.put("contactId", s.getContactId());
        row.put("ticketNo", s.getTicketNo());
        row.put("score", s.getScore());
        row.put("scaleMax", s.getScaleMax());
        row.put("comment", s.getComment());
        row.put("answeredAt", s.getAnsweredAt());
    }
}
