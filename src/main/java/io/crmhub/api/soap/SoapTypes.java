package io.crmhub.api.soap;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.api.soap.wsdl.Address;
import io.crmhub.api.soap.wsdl.CustomerSummary;
import io.crmhub.api.soap.wsdl.FieldProvenance;
import io.crmhub.api.soap.wsdl.GoldenCustomer;
import io.crmhub.api.soap.wsdl.IdentityDocument;
import io.crmhub.api.soap.wsdl.Phone;
import io.crmhub.api.soap.wsdl.SourceLink;
import io.crmhub.partner.CustomerView;
import io.crmhub.partner.PartnerCustomer;
import io.crmhub.partner.SearchPage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.Map;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** Converts between the WSDL's generated types and the partner API's records, at the SOAP boundary only. */
final class SoapTypes {

    private static final DatatypeFactory XML_TIME = DatatypeFactory.newDefaultInstance();

    private SoapTypes() {}

    static GoldenCustomer golden(CustomerView view) {
        GoldenCustomer c = new GoldenCustomer();
        c.setGoldenId(view.goldenId().toString());
        c.setStatus(view.status());
        c.setVersion(view.version());
        c.setUpdatedAt(time(view.updatedAt()));
        JsonNode r = view.record();
        c.setNumber(text(r, "number"));
        c.setKind(text(r, "kind"));
        c.setName(text(r, "name"));
        c.setContactName(text(r, "contactName"));
        r.path("emails").forEach(e -> c.getEmail().add(e.asText()));
        r.path("phones").forEach(p -> c.getPhone().add(phone(p)));
        r.path("addresses").forEach(a -> c.getAddress().add(address(a)));
        c.setTaxId(text(r, "taxId"));
        c.setIndustry(text(r, "industry"));
        c.setOwner(text(r, "owner"));
        c.setLifecycleStatus(text(r, "lifecycleStatus"));
        view.provenance().fields().forEachRemaining(f -> c.getProvenance().add(provenance(f)));
        view.links().forEach(l -> c.getLink().add(link(l)));
        c.setBirthDate(date(text(r, "birthDate")));
        r.path("documents").forEach(d -> c.getDocument().add(document(d)));
        return c;
    }

    static CustomerSummary summary(SearchPage.Summary s) {
        CustomerSummary c = new CustomerSummary();
        c.setGoldenId(s.goldenId().toString());
        c.setName(s.name());
        c.setKind(s.kind());
        c.setTaxId(s.taxId());
        c.setLifecycleStatus(s.lifecycleStatus());
        c.setUpdatedAt(time(s.updatedAt()));
        c.setScore(s.score());
        return c;
    }

    static PartnerCustomer customer(io.crmhub.api.soap.wsdl.PartnerCustomer c) {
        if (c == null) {
            return null;
        }
        Address a = c.getAddress();
        IdentityDocument d = c.getDocument();
        return new PartnerCustomer(c.getNumber(), c.getKind(), c.getName(), c.getContactName(),
                c.getEmail().isEmpty() ? null : c.getEmail(), c.getPhone().isEmpty() ? null : c.getPhone(),
                a == null ? null : new PartnerCustomer.Address(a.getCountry(), a.getProvince(), a.getCity(),
                        a.getStreet(), a.getPostalCode()),
                c.getTaxId(), c.getIndustry(), c.getOwner(), c.getLifecycleStatus(), c.getBirthDate(),
                d == null ? null : new PartnerCustomer.Document(d.getType(), d.getNumber(), d.getIssuingCountry()));
    }

    static XMLGregorianCalendar time(Instant instant) {
        return XML_TIME.newXMLGregorianCalendar(GregorianCalendar.from(instant.atZone(ZoneOffset.UTC)));
    }

    /** An xs:date without a time zone ({@code 1990-03-07}), as the canonical birth date is a calendar date. */
    static XMLGregorianCalendar date(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(iso);
            return XML_TIME.newXMLGregorianCalendarDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
                    DatatypeConstants.FIELD_UNDEFINED);
        } catch (DateTimeParseException e) {
            return null; // the store holds only dates the mapping accepted; nothing else is worth a broken reply
        }
    }

    private static IdentityDocument document(JsonNode d) {
        IdentityDocument document = new IdentityDocument();
        document.setType(text(d, "type"));
        document.setNumber(text(d, "number"));
        document.setIssuingCountry(text(d, "issuingCountry"));
        return document;
    }

    private static Phone phone(JsonNode p) {
        Phone phone = new Phone();
        phone.setE164(text(p, "e164"));
        phone.setType(text(p, "type"));
        return phone;
    }

    private static Address address(JsonNode a) {
        Address address = new Address();
        address.setCountry(text(a, "country"));
        address.setProvince(text(a, "province"));
        address.setCity(text(a, "city"));
        address.setStreet(text(a, "street"));
        address.setPostalCode(text(a, "postalCode"));
        return address;
    }

    private static FieldProvenance provenance(Map.Entry<String, JsonNode> field) {
        FieldProvenance p = new FieldProvenance();
        JsonNode v = field.getValue();
        p.setField(field.getKey());
        p.setSystem(text(v, "system"));
        p.setEntity(text(v, "entity"));
        p.setKey(text(v, "key"));
        p.setPosition(text(v, "position"));
        p.setMappingVersion(text(v, "mappingVersion"));
        p.setRule(text(v, "rule"));
        return p;
    }

    private static SourceLink link(CustomerView.Link l) {
        SourceLink link = new SourceLink();
        link.setSystem(l.source().system());
        link.setEntity(l.source().entity());
        link.setKey(l.source().key());
        link.setRule(l.rule());
        link.setLinkedAt(time(l.linkedAt()));
        link.setDeleted(l.deleted());
        return link;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
