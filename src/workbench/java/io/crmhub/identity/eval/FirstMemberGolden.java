package io.crmhub.identity.eval;

import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedPhone;
import java.util.List;

/**
 * Benchmark stand-in for survivorship: the golden record is the first member's name, phones, e-mails and tax
 * id, and every field's provenance points at that member. Enough to measure writing golden records and
 * provenance at volume; not a survivorship rule.
 */
public final class FirstMemberGolden implements GoldenWriter {

    private final String system;
    private final String entity;
    private final int rulesVersion;

    public FirstMemberGolden(String system, String entity, int rulesVersion) {
        this.system = system;
        this.entity = entity;
        this.rulesVersion = rulesVersion;
    }

    @Override
    public Golden golden(List<Member> members) {
        Member first = members.get(0);
        NormalizedCustomer c = first.record();
        StringBuilder record = new StringBuilder(256).append('{');
        JsonText.field(record, "kind", c.kind() == null ? null : c.kind().name());
        JsonText.field(record, "name", c.name() == null ? null : c.name().display());
        record.append("\"phones\":");
        JsonText.strings(record, c.phones().stream().map(NormalizedPhone::e164).toList());
        record.append(",\"emails\":");
        JsonText.strings(record, c.emails().stream().map(NormalizedEmail::address).toList());
        record.append(',');
        JsonText.field(record, "taxId", c.validTaxId().orElse(null));
        return new Golden(JsonText.close(record), provenance(first.sourceKey(), c));
    }

    private String provenance(String key, NormalizedCustomer c) {
        StringBuilder source = new StringBuilder(128).append('{');
        JsonText.field(source, "system", system);
        JsonText.field(source, "entity", entity);
        JsonText.field(source, "key", key);
        JsonText.field(source, "rule", "first-member");
        source.append("\"rulesVersion\":").append(rulesVersion).append(',');
        String from = JsonText.close(source);
        StringBuilder b = new StringBuilder(512).append('{');
        for (String field : new String[] {"kind", "name", "phones", "emails", "taxId"}) {
            b.append('"').append(field).append("\":").append(from).append(',');
        }
        return JsonText.close(b);
    }

    /** What matching compared, for identity_link.normalized: keys only, as the matcher saw them. */
    static String normalized(NormalizedCustomer c) {
        StringBuilder b = new StringBuilder(256).append('{');
        JsonText.field(b, "kind", c.kind() == null ? null : c.kind().name());
        JsonText.field(b, "nameKey", c.nameKey());
        JsonText.field(b, "pinyinKey", c.pinyinKey());
        b.append("\"branch\":").append(c.name() != null && c.name().branch()).append(",\"phones\":");
        JsonText.strings(b, c.phones().stream().map(NormalizedPhone::e164).toList());
        b.append(",\"emails\":");
        JsonText.strings(b, c.emails().stream().map(NormalizedEmail::address).toList());
        b.append(",\"addresses\":");
        JsonText.strings(b, c.addresses().stream().map(NormalizedAddress::matchKey).toList());
        b.append(',');
        JsonText.field(b, "taxId", c.validTaxId().orElse(null));
        return JsonText.close(b);
    }
}
