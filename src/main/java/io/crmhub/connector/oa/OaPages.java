package io.crmhub.connector.oa;

import io.crmhub.connector.oa.wsdl.ChangePage;
import io.crmhub.connector.oa.wsdl.ContactPage;
import io.crmhub.connector.oa.wsdl.ContractPage;
import io.crmhub.connector.oa.wsdl.SurveyPage;
import io.crmhub.connector.oa.wsdl.TicketPage;
import io.crmhub.connector.oa.wsdl.VisitPage;
import java.util.List;

/** The items of a generated page type (JAXB gives each page its own typed list). */
final class OaPages {

    private OaPages() {}

    static List<?> items(ChangePage page) {
        if (page instanceof ContactPage p) {
            return p.getItems();
        } else if (page instanceof VisitPage p) {
            return p.getItems();
        } else if (page instanceof ContractPage p) {
            return p.getItems();
        } else if (page instanceof TicketPage p) {
            return p.getItems();
        } else if (page instanceof SurveyPage p) {
            return p.getItems();
        }
        throw new IllegalArgumentException("unknown OA page type " + page.getClass().getSimpleName());
    }
}
