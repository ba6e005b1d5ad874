package io.crmhub.it.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** SOAP upsert envelopes: well-formed with hostile values, or broken in structure (XML, DTDs, namespaces, size). */
final class SoapEnvelopes {

    private static final List<String> ELEMENTS = List.of("number", "kind", "name", "contactName", "email", "phone",
            "taxId", "industry", "owner", "lifecycleStatus");
    private static final List<String> PERSONAL = List.of("name", "contactName", "email", "phone", "owner");
    private static final Arbitrary<String> BROKEN = Arbitraries.of(
            "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>%s",
            "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>%s",
            "<?xml version=\"1.1\"?>%s", "%s<trailing/>", "<soap:Envelope>%s", "not xml at all %s", "",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>%s");

    private SoapEnvelopes() {}

    static String generate(FuzzCampaign fuzz, String key, List<String> personal) {
        StringBuilder customer = new StringBuilder("<c:kind>PERSON</c:kind><c:name>Fuzz Soap</c:name>");
        String partnerKey = key;
        List<String> other = new java.util.ArrayList<>();
        for (int n = 1 + fuzz.random().nextInt(3); n > 0; n--) {
            String value = fuzz.next(Hostile.text());
            int pick = fuzz.random().nextInt(ELEMENTS.size() + 2);
            if (pick == ELEMENTS.size()) {
                partnerKey = value;
                other.add(value);
            } else if (pick == ELEMENTS.size() + 1) {
                other.add(value);
                customer.append(fuzz.random().nextBoolean() ? value : "<c:" + "unknownElement>" + escape(value)
                        + "</c:unknownElement>");
            } else {
                String element = ELEMENTS.get(pick);
                (PERSONAL.contains(element) ? personal : other).add(value);
                customer.append("<c:").append(element).append('>').append(escape(value)).append("</c:")
                        .append(element).append('>');
            }
        }
        String envelope = """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:c="http://crmhub.io/partner/customer/v1"><soap:Body><c:UpsertCustomerRequest>\
                <c:partnerKey>%s</c:partnerKey><c:customer>%s</c:customer></c:UpsertCustomerRequest>\
                </soap:Body></soap:Envelope>""".formatted(escape(partnerKey), customer);
        int shape = fuzz.random().nextInt(10);
        if (shape == 2) {
            String namespace = fuzz.next(Hostile.text());
            other.add(namespace);
            envelope = envelope.replace("http://crmhub.io/partner/customer/v1", namespace);
        }
        // a generated value sent in a personal and a non-personal place alike may be quoted for the latter
        personal.removeIf(v -> other.stream().anyMatch(o -> o.contains(v)));
        if (shape == 0) {
            return fuzz.next(BROKEN).formatted(envelope);
        }
        if (shape == 1) {
            return envelope.substring(0, fuzz.random().nextInt(envelope.length()));
        }
        return envelope;
    }

    /** Escapes markup; control characters become character references (refused by XML 1.0 parsers). */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> {
                    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
                        out.append("&#").append(cp).append(';');
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
