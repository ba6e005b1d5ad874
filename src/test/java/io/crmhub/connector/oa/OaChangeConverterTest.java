package io.crmhub.connector.oa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.MalformedSourceRecordException;
import io.crmhub.connector.SourceHeaders;
import io.crmhub.connector.oa.wsdl.ChangeItem;
import io.crmhub.connector.oa.wsdl.Contact;
import io.crmhub.connector.oa.wsdl.Ticket;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.mapping.MappingException;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeFactory;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A generated SOAP item becomes a plain SourceChange; an item the hub cannot place is poison with a reason. */
class OaChangeConverterTest {

    private static final MappingEngine MAPPINGS = MappingEngine.load();
    private final OaChangeConverter converter = new OaChangeConverter();

    @Test
    void ticketBecomesSourceChangeKeyedByOaIdWithWatermarkPositionAndVersionSequence() throws Exception {
        Ticket t = ticket("OA-T-000007", 3, Instant.parse("2024-06-04T05:00:00.123Z"));
        Exchange ex = exchange(t);

        SourceChange change = converter.convert(ex);

        assertThat(change.system()).isEqualTo("oa");
        assertThat(change.entity()).isEqualTo("tickets");
        assertThat(change.key()).isEqualTo("OA-T-000007");
        assertThat(change.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(change.sequence()).isEqualTo(3);
        assertThat(change.position()).isEqualTo("2024-06-04T05:00:00.123Z|OA-T-000007");
        assertThat(change.row()).containsEntry("status", "ESCALATED").containsEntry("contactId", "OA-C-000001");
        assertThat(change.row().values()).allMatch(v -> v == null || v instanceof String);
        assertThat(ex.getMessage().getHeader(SourceHeaders.SOURCE_REF, SourceRef.class).qualifiedKey())
                .isEqualTo("oa:tickets:OA-T-000007");
    }

    @Test
    void firstVersionIsACreateAndDeletedFlagIsADelete() throws Exception {
        assertThat(converter.convert(exchange(ticket("T1", 1, Instant.EPOCH.plusSeconds(1)))).op())
                .isEqualTo(ChangeOp.CREATE);
        Ticket deleted = ticket("T2", 4, Instant.EPOCH.plusSeconds(1));
        deleted.setDeleted(true);
        assertThat(converter.convert(exchange(deleted)).op()).isEqualTo(ChangeOp.DELETE);
    }

    @Test
    void itemWithoutModifiedAtIsMalformedButKeepsItsSourceRefForTheDeadLetter() throws Exception {
        Exchange ex = exchange(ticket("OA-T-000009", 1, null));
        assertThatThrownBy(() -> converter.convert(ex)).isInstanceOf(MalformedSourceRecordException.class)
                .hasMessage("oa tickets: item without modifiedAt");
        assertThat(ex.getMessage().getHeader(SourceHeaders.SOURCE_REF, SourceRef.class).key()).isEqualTo("OA-T-000009");
    }

    @Test
    void itemWithoutIdIsMalformed() throws Exception {
        assertThatThrownBy(() -> converter.convert(exchange(ticket(" ", 1, Instant.EPOCH))))
                .isInstanceOf(MalformedSourceRecordException.class).hasMessage("oa tickets: item without id");
    }

    /** XML 1.1 (or a lax OA) can carry C0 controls; the mapping every OA item goes through refuses them. */
    @Test
    void anItemWithAControlCharacterIsRefusedWithFieldAndCodePointButNotTheValue() throws Exception {
        Ticket t = ticket("OA-T-000010", 1, Instant.EPOCH.plusSeconds(1));
        t.setTicketNo("TK-10");
        t.setCategory("COMPLAINT");
        t.setOpenedAt("2024-06-04 13:00:00");
        t.setSubject("Refund\u0007 please");
        SourceChange change = converter.convert(exchange(t));
        assertThatThrownBy(() -> MAPPINGS.map(change, Instant.EPOCH)).isInstanceOf(MappingException.class)
                .hasMessage("tickets.subject: contains the control character U+0007 at position 7");

        Ticket badKey = ticket("OA-T-\u000011", 1, Instant.EPOCH.plusSeconds(1));
        SourceChange keyed = converter.convert(exchange(badKey));
        assertThatThrownBy(() -> MAPPINGS.map(keyed, Instant.EPOCH)).isInstanceOf(MappingException.class)
                .hasMessage("tickets.<key>: the source key contains the control character U+0000 at position 6");

        t.setSubject("Refund,\tplease\nnow");
        assertThat(MAPPINGS.map(converter.convert(exchange(t)), Instant.EPOCH).payload().get("subject").asText())
                .isEqualTo("Refund, please now");
    }

    /** A contact's birth date and identity document travel as the columns mappings/oa/contacts.yaml reads. */
    @Test
    void aContactsBirthDateAndIdentityDocumentReachTheCanonicalCustomer() throws Exception {
        Contact c = new Contact();
        c.setId("OA-C-000031");
        c.setVersion(1);
        c.setModifiedAt(DatatypeFactory.newInstance().newXMLGregorianCalendar("2024-06-04T05:00:00.123Z"));
        c.setName("王 芳");
        c.setBirthDate("1990-03-07");
        c.setIdType("rid");
        c.setIdNumber("110105 19900307 0025");
        SourceChange change = converter.convert(exchange(c, OaEntity.CONTACTS));
        assertThat(change.row()).containsEntry("birthDate", "1990-03-07").containsEntry("idType", "rid")
                .containsEntry("idNumber", "110105 19900307 0025").containsEntry("idCountry", null);

        var payload = MAPPINGS.map(change, Instant.EPOCH).payload();
        assertThat(payload.get("birthDate").asText()).isEqualTo("1990-03-07");
        assertThat(payload.at("/documents/0/type").asText()).isEqualTo("CN_RESIDENT_ID");
        assertThat(payload.at("/documents/0/number").asText()).isEqualTo("110105199003070025");
        assertThat(payload.at("/documents/0/issuingCountry").asText()).isEqualTo("CN");
    }

    private static Exchange exchange(Ticket t) {
        return exchange(t, OaEntity.TICKETS);
    }

    private static Exchange exchange(ChangeItem item, OaEntity entity) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.getMessage().setHeader(OaHeaders.ENTITY, entity);
        ex.getMessage().setBody(item);
        return ex;
    }

    private static Ticket ticket(String id, long version, Instant modifiedAt) throws Exception {
        Ticket t = new Ticket();
        t.setId(id);
        t.setVersion(version);
        if (modifiedAt != null) {
            GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            c.setTimeInMillis(modifiedAt.toEpochMilli());
            t.setModifiedAt(DatatypeFactory.newInstance().newXMLGregorianCalendar(c));
        }
        t.setContactId("OA-C-000001");
        t.setStatus("ESCALATED");
        return t;
    }
}
