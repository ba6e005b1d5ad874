package io.crmhub.connector.oa;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.MalformedSourceRecordException;
import io.crmhub.connector.SourceHeaders;
import io.crmhub.connector.oa.wsdl.ChangeItem;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The boundary between CXF and the hub: one changed OA item (a generated SOAP type) becomes a
 * {@link SourceChange} with plain values. Nothing downstream sees a CXF or JAXB type.
 * Key = OA id, position = the item's watermark, sequence = the OA's per-record version.
 */
@Component("oaChangeConverter")
public class OaChangeConverter {

    public static final String SYSTEM = "oa";

    public SourceChange convert(Exchange exchange) {
        Message in = exchange.getMessage();
        OaEntity entity = in.getHeader(OaHeaders.ENTITY, OaEntity.class);
        ChangeItem item = in.getBody(ChangeItem.class);
        if (item == null) {
            throw new MalformedSourceRecordException("oa " + entity.id() + ": page item is empty or of another type");
        }
        Map<String, Object> row = OaItemRows.row(item);
        // from here on a failure is dead-lettered with the readable row, not a JAXB object's toString
        in.setBody(row);
        in.setHeader(SourceHeaders.SOURCE_REF, sourceRef(entity, item));
        String illegal = xmlIllegal(row);
        if (illegal != null) {
            throw new MalformedSourceRecordException("oa " + entity.id() + ": " + illegal);
        }
        SourceChange change = change(entity, item, row);
        in.setBody(change);
        return change;
    }

    /**
     * What the first field holding an XML-illegal character of the page (marked by XmlIllegalCharacters) held, by field
     * name and code point only (the value may be personal data); null when none does.
     */
    static String xmlIllegal(Map<String, Object> row) {
        for (Map.Entry<String, Object> field : row.entrySet()) {
            String value = field.getValue() == null ? "" : field.getValue().toString();
            for (int i = 0; i < value.length(); i++) {
                int control = XmlIllegalCharacters.referenced(value.charAt(i));
                if (control >= 0) {
                    return "field " + field.getKey() + " held the character reference &#" + control + "; (U+"
                            + String.format("%04X", control) + ", a C0 control character), which XML 1.0 allows "
                            + "neither raw nor as a reference";
                }
                if (value.charAt(i) == XmlIllegalCharacters.REPLACEMENT) {
                    return "field " + field.getKey() + " held a character XML 1.0 cannot carry (a C0 control "
                            + "character, replaced by U+FFFD when the page was read)";
                }
            }
        }
        return null;
    }

    /** Where the item sits in the feed, as far as it can be told (for the dead letter of a malformed item). */
    static SourceRef sourceRef(OaEntity entity, ChangeItem item) {
        Instant modifiedAt = modifiedAt(item);
        String position = modifiedAt == null ? "unknown|" + item.getId()
                : new OaWatermark(modifiedAt, item.getId()).position();
        return new SourceRef(SYSTEM, entity.id(), item.getId(), position, item.getVersion());
    }

    /**
     * The change an item stands for: key = OA id, position = its watermark, sequence = its version.
     *
     * @throws MalformedSourceRecordException when the item has no id, no modifiedAt or no positive version
     */
    static SourceChange change(OaEntity entity, ChangeItem item, Map<String, Object> row) {
        String key = item.getId();
        if (key == null || key.isBlank()) {
            throw new MalformedSourceRecordException("oa " + entity.id() + ": item without id");
        }
        Instant modifiedAt = modifiedAt(item);
        if (modifiedAt == null) {
            throw new MalformedSourceRecordException("oa " + entity.id() + ": item without modifiedAt");
        }
        if (item.getVersion() < 1) {
            throw new MalformedSourceRecordException("oa " + entity.id() + ": version " + item.getVersion()
                    + " is not a positive change counter");
        }
        return new SourceChange(SYSTEM, entity.id(), operation(item), key,
                new OaWatermark(modifiedAt, key).position(), item.getVersion(), modifiedAt, row);
    }

    private static Instant modifiedAt(ChangeItem item) {
        return item.getModifiedAt() == null ? null : item.getModifiedAt().toGregorianCalendar().toInstant();
    }

    static ChangeOp operation(ChangeItem item) {
        if (Boolean.TRUE.equals(item.isDeleted())) {
            return ChangeOp.DELETE;
        }
        return item.getVersion() == 1 ? ChangeOp.CREATE : ChangeOp.UPDATE;
    }
}
