package io.crmhub.connector.oa;

import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.MalformedSourceRecordException;
import io.crmhub.connector.oa.wsdl.ChangeItem;
import io.crmhub.connector.oa.wsdl.ChangePage;
import io.crmhub.connector.oa.wsdl.ChangesRequest;
import io.crmhub.connector.oa.wsdl.Watermark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.MessageContentsList;
import org.springframework.stereotype.Component;

/**
 * The steps of the OA poll route: which entities, fetch the page after the stored watermark, and store
 * the page's watermark once every item of it was published. The SOAP call goes through the Camel CXF
 * endpoint {@code cxf:bean:oaService}; its failures are sorted into transient and rejected here.
 */
@Component("oaPaging")
public class OaPaging {

    static final String ENDPOINT = "cxf:bean:oaService";

    private final OaConnectorProperties props;
    private final OaWatermarkStore watermarks;
    private final ProducerTemplate soap;
    private final DatatypeFactory xmlTypes;

    public OaPaging(OaConnectorProperties props, OaWatermarkStore watermarks, ProducerTemplate soap)
            throws javax.xml.datatype.DatatypeConfigurationException {
        this.props = props;
        this.watermarks = watermarks;
        this.soap = soap;
        this.xmlTypes = DatatypeFactory.newInstance();
    }

    public List<OaEntity> entities() {
        return props.entities().stream().map(OaEntity::fromId).toList();
    }

    /** Body: the entity to page through. Starts its paging loop. */
    public void begin(Exchange exchange) {
        Message m = exchange.getMessage();
        m.setHeader(OaHeaders.ENTITY, m.getBody(OaEntity.class));
        m.setHeader(OaHeaders.HAS_MORE, true);
    }

    /** Asks the OA for the page after the durable watermark; body becomes the page's items. */
    public List<?> fetch(Exchange exchange) {
        Message m = exchange.getMessage();
        OaEntity entity = m.getHeader(OaHeaders.ENTITY, OaEntity.class);
        // a failed fetch must end the paging loop unless a retry succeeds
        m.setHeader(OaHeaders.HAS_MORE, false);
        OaWatermark since = watermarks.read(entity);
        ChangePage page = call(entity, request(since, props.pageSize()));
        OaWatermark next = page.getNext() == null ? since : watermark(page.getNext());
        List<?> items = OaPages.items(page);
        m.setHeader(OaHeaders.NEXT, items.isEmpty() ? since : next);
        m.setHeader(OaHeaders.HAS_MORE, page.isHasMore() && !items.isEmpty());
        return items;
    }

    /** Every item of the page is published (or dead-lettered with its reason): move past them. */
    public void pagePublished(Exchange exchange) {
        Message m = exchange.getMessage();
        OaEntity entity = m.getHeader(OaHeaders.ENTITY, OaEntity.class);
        OaWatermark next = m.getHeader(OaHeaders.NEXT, OaWatermark.class);
        if (next != null && !next.isBeginning() && !next.equals(watermarks.read(entity))) {
            watermarks.advance(entity, next);
        }
    }

    /**
     * The page of changes strictly after {@code since}, converted, without reading or moving the durable
     * watermark: for readers with a watermark of their own (the backfill reads from the beginning).
     *
     * @throws OaUnavailableException when the OA is down, slow or answers garbage (transient)
     * @throws OaRejectedException when the OA refuses the request (credentials, a bad request)
     */
    public OaChangePage pageAfter(OaEntity entity, OaWatermark since, int pageSize) {
        ChangePage page = call(entity, request(since, pageSize));
        List<?> items = OaPages.items(page);
        List<SourceChange> changes = new ArrayList<>();
        List<OaChangePage.Malformed> malformed = new ArrayList<>();
        for (Object o : items) {
            ChangeItem item = (ChangeItem) o;
            Map<String, Object> row = OaItemRows.row(item);
            try {
                changes.add(OaChangeConverter.change(entity, item, row));
            } catch (MalformedSourceRecordException e) {
                malformed.add(new OaChangePage.Malformed(OaChangeConverter.sourceRef(entity, item), row,
                        e.getMessage()));
            }
        }
        OaWatermark next = items.isEmpty() || page.getNext() == null ? since : watermark(page.getNext());
        return new OaChangePage(changes, malformed, next, page.isHasMore() && !items.isEmpty());
    }

    private ChangePage call(OaEntity entity, ChangesRequest request) {
        Exchange reply = soap.send(ENDPOINT, ex -> {
            ex.getMessage().setHeader(CxfConstants.OPERATION_NAME, entity.operation());
            if (props.usesToken()) {
                ex.getMessage().setHeader(props.tokenHeader(), props.token());
            }
            ex.getMessage().setBody(request);
        });
        if (reply.getException() != null) {
            throw OaFaults.classify(entity, reply.getException());
        }
        Object body = reply.getMessage().getBody();
        Object first = body instanceof MessageContentsList list && !list.isEmpty() ? list.get(0) : body;
        if (first instanceof ChangePage page) {
            return page;
        }
        throw new OaUnavailableException("oa " + entity.id() + ": reply is not a change page but "
                + (first == null ? "empty" : first.getClass().getSimpleName()), null);
    }

    private ChangesRequest request(OaWatermark since, int pageSize) {
        ChangesRequest request = new ChangesRequest();
        request.setPageSize(pageSize);
        if (!since.isBeginning()) {
            Watermark w = new Watermark();
            w.setModifiedAt(xml(since.modifiedAt()));
            w.setId(since.id());
            request.setSince(w);
        }
        return request;
    }

    private XMLGregorianCalendar xml(Instant instant) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(instant.toEpochMilli());
        return xmlTypes.newXMLGregorianCalendar(c);
    }

    private static OaWatermark watermark(Watermark w) {
        return new OaWatermark(w.getModifiedAt().toGregorianCalendar().toInstant(), w.getId());
    }
}
