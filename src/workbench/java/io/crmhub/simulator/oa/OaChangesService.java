package io.crmhub.simulator.oa;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.OaWatermark;
import io.crmhub.connector.oa.wsdl.ChangePage;
import io.crmhub.connector.oa.wsdl.ChangesRequest;
import io.crmhub.connector.oa.wsdl.Contact;
import io.crmhub.connector.oa.wsdl.ContactPage;
import io.crmhub.connector.oa.wsdl.Contract;
import io.crmhub.connector.oa.wsdl.ContractPage;
import io.crmhub.connector.oa.wsdl.OaChanges;
import io.crmhub.connector.oa.wsdl.Survey;
import io.crmhub.connector.oa.wsdl.SurveyPage;
import io.crmhub.connector.oa.wsdl.Ticket;
import io.crmhub.connector.oa.wsdl.TicketPage;
import io.crmhub.connector.oa.wsdl.Visit;
import io.crmhub.connector.oa.wsdl.VisitPage;
import io.crmhub.connector.oa.wsdl.Watermark;
import jakarta.jws.WebService;
import java.util.List;

/** The OA change feed, served from {@link OaData}: the server side of the generated SEI. */
@WebService(endpointInterface = "io.crmhub.connector.oa.wsdl.OaChanges", serviceName = "OaService",
        portName = "OaChangesPort", targetNamespace = "http://crmhub.io/oa/v1")
public class OaChangesService implements OaChanges {

    private static final int MAX_PAGE = 1000;

    private final OaData data;

    public OaChangesService(OaData data) {
        this.data = data;
    }

    @Override
    public ContactPage getContactChanges(ChangesRequest request) {
        ContactPage page = new ContactPage();
        fill(page, page.getItems(), Contact.class, OaEntity.CONTACTS, request);
        return page;
    }

    @Override
    public VisitPage getVisitChanges(ChangesRequest request) {
        VisitPage page = new VisitPage();
        fill(page, page.getItems(), Visit.class, OaEntity.VISITS, request);
        return page;
    }

    @Override
    public ContractPage getContractChanges(ChangesRequest request) {
        ContractPage page = new ContractPage();
        fill(page, page.getItems(), Contract.class, OaEntity.CONTRACTS, request);
        return page;
    }

    @Override
    public TicketPage getTicketChanges(ChangesRequest request) {
        TicketPage page = new TicketPage();
        fill(page, page.getItems(), Ticket.class, OaEntity.TICKETS, request);
        return page;
    }

    @Override
    public SurveyPage getSurveyChanges(ChangesRequest request) {
        SurveyPage page = new SurveyPage();
        fill(page, page.getItems(), Survey.class, OaEntity.SURVEYS, request);
        return page;
    }

    private <T> void fill(ChangePage page, List<T> items, Class<T> type, OaEntity entity, ChangesRequest request) {
        Watermark since = request.getSince();
        OaWatermark from = since == null || since.getModifiedAt() == null ? OaWatermark.BEGINNING
                : new OaWatermark(OaXml.instant(since.getModifiedAt()), since.getId() == null ? "" : since.getId());
        int size = Math.max(1, Math.min(MAX_PAGE, request.getPageSize()));
        OaData.Page result = data.changesAfter(entity, from, size);
        result.items().forEach(i -> items.add(type.cast(i)));
        Watermark next = new Watermark();
        next.setModifiedAt(OaXml.calendar(result.next().modifiedAt()));
        next.setId(result.next().id());
        page.setNext(next);
        page.setHasMore(result.hasMore());
    }
}
