package io.crmhub.it;

import static io.crmhub.it.TestPartners.ACME;
import static io.crmhub.it.TestPartners.READER;
import static io.crmhub.it.TestPartners.STEWARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.it.PartnerApi.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * NUL and other C0 control characters at every edge of the running hub: refused with a reason that names the field
 * and code point (never the value), never a 5xx, never a write that is accepted and fails in the store later; the
 * good records around them still land.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlCharactersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ShopInbox INBOX = new ShopInbox();

    @DynamicPropertySource
    static void inbox(DynamicPropertyRegistry registry) {
        registry.add("hub.connectors.shop.enabled", () -> "true");
        registry.add("hub.connectors.shop.inbox", () -> INBOX.dir().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    ErpConnectorProperties erpProps;

    PartnerApi api;
    ErpDatabase erp;

    @BeforeAll
    void connect() throws Exception {
        api = new PartnerApi("http://localhost:" + port, HttpClient.newHttpClient());
        erp = new ErpDatabase(erpProps);
    }

    @AfterAll
    void disconnect() {
        erp.close();
    }

    @Test
    void aQueryParameterWithANulIsA400NotA500() {
        Reply nul = api.sendInvalid("GET", "/api/v1/customers?email=%00", READER, null);
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.header("Content-Type")).startsWith("application/problem+json");
        assertThat(nul.json().at("/type").asText()).endsWith("/invalid-request");
        assertThat(nul.json().at("/detail").asText())
                .isEqualTo("query parameter email contains the control character U+0000 at position 1");
        Reply escape = api.sendInvalid("GET", "/api/v1/customers?name=%E6%9D%8E%1B", READER, null);
        assertThat(escape.status()).isEqualTo(400);
        assertThat(escape.json().at("/detail").asText())
                .isEqualTo("query parameter name contains the control character U+001B at position 2");
        // the same search without the control character is fine
        assertThat(api.get("/api/v1/customers?name=%E6%9D%8E", READER).status()).isEqualTo(200);
    }

    @Test
    void aPartnerUpsertWithANulInTheNameIsRefusedBeforeAnythingIsReservedOrPublished() {
        String key = "CC-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("kind", "PERSON", "name", "王\u0000芳",
                "emails", List.of("cc." + UUID.randomUUID() + "@example.cn")));
        Reply refused = api.sendInvalid("PUT", "/api/v1/partners/acme/customers/" + key, ACME, body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/field").asText()).isEqualTo("name");
        assertThat(refused.json().at("/detail").asText())
                .isEqualTo("name: contains the control character U+0000 at position 2");
        assertThat(refused.raw().body()).doesNotContain("王").doesNotContain("芳");
        // no version reserved: the partner has written no such customer, nothing waits PENDING
        assertThat(api.get("/api/v1/partners/acme/customers/" + key, ACME).status()).isEqualTo(404);
        assertThat(crm.queryForObject("SELECT count(*) FROM dead_letter WHERE source_key = ?", Long.class, key))
                .isZero();

        Map<String, Object> inList = new HashMap<>(body);
        inList.put("name", "王芳");
        inList.put("phones", List.of("139 0000 1111", "139\u00070000 2222"));
        Reply listed = api.sendInvalid("PUT", "/api/v1/partners/acme/customers/" + key, ACME, inList);
        assertThat(listed.status()).isEqualTo(400);
        assertThat(listed.json().at("/field").asText()).isEqualTo("phones[1]");

        // tab and line feed are text in JSON: allowed, and the write is applied
        inList.put("phones", List.of("139 0000 1111"));
        inList.put("address", Map.of("country", "CN", "city", "上海", "street", "文三路\t90 号\n2 楼"));
        assertThat(api.put("/api/v1/partners/acme/customers/" + key, ACME, inList).status()).isEqualTo(201);
    }

    @Test
    void anOperatorBodyWithAControlCharacterIsA400() {
        Reply refused = api.outsideContract("POST", "/api/v1/dead-letters/replay", STEWARD,
                Map.of("filter", Map.of("reason", "x\u0000"), "dryRun", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/detail").asText())
                .isEqualTo("filter.reason: contains the control character U+0000 at position 2");
    }

    @Test
    void aSoapUpsertWithAControlCharacterIsAClientFault() throws Exception {
        // XML 1.1 may carry C0 characters as references: the hub's mapping refuses them with the field
        HttpResponse<String> xml11 = soap("<?xml version=\"1.1\"?>", "李&#1;娜");
        assertThat(xml11.body()).contains("<faultcode>soap:Client</faultcode>")
                .contains("<code>INVALID_FIELD</code>").contains("<field>name</field>")
                .contains("name: contains the control character U+0001 at position 2");
        // XML 1.0 cannot carry them at all: the parser refuses the request as the client's fault
        HttpResponse<String> xml10 = soap("", "李&#0;娜");
        assertThat(xml10.body()).contains("<faultcode>soap:Client</faultcode>")
                .contains("the request is not well-formed XML: Invalid character reference: null character not allowed")
                .doesNotContain("李");
    }

    @Test
    void shopRowsWithControlCharactersGoToTheRejectsFileAndTheOthersLand() throws Exception {
        String orders = "orders-control-20240608T080000.csv";
        String customers = "customers-control-20240608T100000.jsonl";
        INBOX.drop(orders, orders);
        INBOX.drop(customers, customers);
        INBOX.awaitFile(INBOX.done(orders));
        INBOX.awaitFile(INBOX.done(customers));
        assertThat(INBOX.rejects(orders)).containsExactly(
                Map.entry(3L, "the line contains the control character U+0001 at position 64"),
                Map.entry(4L, "the line contains the control character U+0000 at position 8"));
        assertThat(INBOX.rejects(customers)).containsExactly(
                Map.entry(2L, "customers.name: contains the control character U+0000 at position 2"));
        await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT source_key FROM order_record WHERE "
                + "source_system = 'shop' AND source_key LIKE 'CC2406%' ORDER BY 1", String.class),
                keys -> keys.equals(List.of("CC240608001", "CC240608004")));
        await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT source_key FROM customer_record WHERE "
                + "source_system = 'shop' AND source_key LIKE 'U61%' ORDER BY 1", String.class),
                keys -> keys.equals(List.of("U6101", "U6103")));
    }

    @Test
    void anErpValueWithAControlCharacterIsDeadLetteredWithAReasonAndTheStreamGoesOn() {
        await().atMost(TIMEOUT).until(erp::isStreaming);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long bad = erp.insert("customers", customer("CC-" + suffix, "李\u0001娜"));
        long good = erp.insert("customers", customer("CD-" + suffix, "李娜"));

        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM customer_record WHERE "
                + "source_system = 'erp' AND source_key = ?", Long.class, String.valueOf(good)) == 1);
        Map<String, Object> dl = await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT * FROM dead_letter "
                + "WHERE source_system = 'erp' AND source_entity = 'customers' AND source_key = ?",
                String.valueOf(bad)), rows -> rows.size() == 1).get(0);
        assertThat(dl.get("field")).isEqualTo("customers.name");
        assertThat(dl.get("reason")).isEqualTo("customers.name: contains the control character U+0001 at position 2");
        assertThat(crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = 'erp' "
                + "AND source_key = ?", Long.class, String.valueOf(bad))).isZero();
    }

    private HttpResponse<String> soap(String declaration, String name) throws Exception {
        String envelope = declaration + """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="http://crmhub.io/partner/customer/v1">
                <soap:Body><c:UpsertCustomerRequest><c:partnerKey>S-CC-1</c:partnerKey><c:customer><c:kind>PERSON</c:kind>
                <c:name>%s</c:name></c:customer></c:UpsertCustomerRequest></soap:Body></soap:Envelope>""".formatted(name);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/soap/v1/customers")).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:crmhub:customer:upsertCustomer\"").header(TestPartners.HEADER, ACME)
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> customer(String number, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_no", number);
        row.put("kind", "P");
        row.put("name", name);
        row.put("mobile", "139 1234 5678");
        row.put("status", "PROSPECT");
        return row;
    }
}
