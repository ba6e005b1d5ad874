package io.crmhub.api.soap;

import static io.crmhub.it.TestPartners.ACME;
import static io.crmhub.it.TestPartners.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmhub.api.soap.wsdl.CustomerFault_Exception;
import io.crmhub.api.soap.wsdl.CustomerService;
import io.crmhub.api.soap.wsdl.Customers;
import io.crmhub.api.soap.wsdl.GetCustomerRequest;
import io.crmhub.api.soap.wsdl.GoldenCustomer;
import io.crmhub.api.soap.wsdl.IdentityDocument;
import io.crmhub.api.soap.wsdl.PartnerCustomer;
import io.crmhub.api.soap.wsdl.SearchCustomersRequest;
import io.crmhub.api.soap.wsdl.UpsertCustomerRequest;
import io.crmhub.api.soap.wsdl.UpsertCustomerResponse;
import io.crmhub.canonical.IdentityDocuments;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.TestPartners;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The canonical CustomerService over real SOAP: a client generated from the WSDL (cxf-codegen, the same
 * {@code io.crmhub.api.soap.wsdl} types) calls the running hub; bad input comes back as CustomerFaults with
 * specific codes.
 */
@HubIntegrationTest
class PartnerSoapIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate crm;

    @Test
    void theGeneratedClientUpsertsReadsAndSearchesCustomers() throws Exception {
        Customers soap = client(ACME);
        String key = "S-" + UUID.randomUUID();
        String email = "soap." + UUID.randomUUID() + "@example.cn";

        UpsertCustomerResponse written = soap.upsertCustomer(upsert(key, null, customer("欧阳娜娜", email)));
        assertThat(written.getState()).isEqualTo("APPLIED");
        assertThat(written.isCreated()).isTrue();
        assertThat(written.getVersion()).isEqualTo(1);

        GetCustomerRequest get = new GetCustomerRequest();
        get.setGoldenId(written.getGoldenId());
        GoldenCustomer golden = soap.getCustomer(get).getCustomer();
        assertThat(golden.getName()).isEqualTo("欧阳娜娜");
        assertThat(golden.getEmail()).containsExactly(email);
        assertThat(golden.getLink()).extracting(l -> l.getSystem() + "/" + l.getKey()).contains("partner:acme/" + key);
        assertThat(golden.getProvenance()).extracting(p -> p.getField() + "←" + p.getSystem())
                .contains("name←partner:acme");

        SearchCustomersRequest search = new SearchCustomersRequest();
        search.setEmail(email.toUpperCase());
        assertThat(soap.searchCustomers(search).getItem()).extracting(i -> i.getGoldenId())
                .containsExactly(written.getGoldenId());
    }

    @Test
    void writesNeedTheCurrentVersion() throws Exception {
        Customers soap = client(ACME);
        String key = "S-" + UUID.randomUUID();
        PartnerCustomer customer = customer("钱程", "qian." + UUID.randomUUID() + "@example.cn");
        soap.upsertCustomer(upsert(key, null, customer));

        assertThat(code(() -> soap.upsertCustomer(upsert(key, null, customer)))).isEqualTo("VERSION_REQUIRED");
        assertThat(code(() -> soap.upsertCustomer(upsert(key, 5L, customer)))).isEqualTo("VERSION_MISMATCH");
        UpsertCustomerRequest createOnly = upsert(key, null, customer);
        createOnly.setCreateOnly(true);
        assertThat(code(() -> soap.upsertCustomer(createOnly))).isEqualTo("ALREADY_EXISTS");
        assertThat(soap.upsertCustomer(upsert(key, 1L, customer)).getVersion()).isEqualTo(2);
    }

    @Test
    void badInputIsAFaultWithASpecificCodeAndTheField() {
        Customers soap = client(ACME);
        CustomerFault_Exception email = catchThrowableOfType(CustomerFault_Exception.class, () ->
                soap.upsertCustomer(upsert("S-" + UUID.randomUUID(), null, customer("孙悦", "sun.yue at example"))));
        assertThat(email.getFaultInfo().getCode()).isEqualTo("INVALID_FIELD");
        assertThat(email.getFaultInfo().getField()).isEqualTo("emails");
        assertThat(email.getFaultInfo().getMessage()).contains("is not a valid email address")
                .doesNotContain("sun.yue");

        PartnerCustomer noKind = customer("孙悦", null);
        noKind.setKind(null);
        assertThat(field(() -> soap.upsertCustomer(upsert("S-1", null, noKind)))).isEqualTo("kind");
        assertThat(field(() -> soap.upsertCustomer(upsert("no spaces please", null, customer("孙悦", null)))))
                .isEqualTo("partnerKey");
        GetCustomerRequest malformed = new GetCustomerRequest();
        malformed.setGoldenId("not-a-uuid");
        assertThat(field(() -> soap.getCustomer(malformed))).isEqualTo("goldenId");
        GetCustomerRequest unknown = new GetCustomerRequest();
        unknown.setGoldenId(UUID.randomUUID().toString());
        assertThat(code(() -> soap.getCustomer(unknown))).isEqualTo("NOT_FOUND");
        assertThat(code(() -> soap.searchCustomers(new SearchCustomersRequest()))).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void aPersonsBirthDateAndResidentIdReachTheStoreAndComeBackOnRead() throws Exception {
        Customers soap = client(ACME);
        String key = "S-" + UUID.randomUUID();
        String residentId = residentId(ThreadLocalRandom.current().nextInt(1000), "19900307");
        PartnerCustomer person = customer("柏芸汐", "bai." + UUID.randomUUID() + "@example.cn");
        person.setBirthDate("1990-03-07");
        // typed the way people write it on forms: grouped, a lower-case country
        person.setDocument(document("CN_RESIDENT_ID", residentId.substring(0, 6) + " " + residentId.substring(6, 14)
                + " " + residentId.substring(14), "cn"));

        UpsertCustomerResponse written = soap.upsertCustomer(upsert(key, null, person));
        assertThat(written.getState()).isEqualTo("APPLIED");

        assertThat(crm.queryForMap("SELECT payload->>'birthDate' AS birth, payload->'documents' = ?::jsonb AS docs "
                + "FROM customer_record WHERE source_system = 'partner:acme' AND source_entity = 'customers' "
                + "AND source_key = ?", "[{\"type\": \"CN_RESIDENT_ID\", \"number\": \"" + residentId
                + "\", \"issuingCountry\": \"CN\"}]", key))
                .containsEntry("birth", "1990-03-07").containsEntry("docs", true);
        assertThat(crm.queryForMap("SELECT g.record->>'birthDate' AS birth, g.record->'documents'->0->>'number' AS doc "
                + "FROM golden_customer g JOIN identity_link l ON l.golden_id = g.golden_id "
                + "WHERE l.source_system = 'partner:acme' AND l.source_key = ?", key))
                .containsEntry("birth", "1990-03-07").containsEntry("doc", residentId);

        GetCustomerRequest get = new GetCustomerRequest();
        get.setGoldenId(written.getGoldenId());
        GoldenCustomer golden = soap.getCustomer(get).getCustomer();
        assertThat(golden.getBirthDate().toXMLFormat()).isEqualTo("1990-03-07");
        assertThat(golden.getDocument()).singleElement().satisfies(d -> {
            assertThat(d.getType()).isEqualTo("CN_RESIDENT_ID");
            assertThat(d.getNumber()).isEqualTo(residentId);
            assertThat(d.getIssuingCountry()).isEqualTo("CN");
        });
        assertThat(golden.getProvenance()).extracting(p -> p.getField() + "←" + p.getSystem())
                .contains("birthDate←partner:acme", "documents[0]←partner:acme");

        // on the wire: a calendar date without a zone, after the fields clients of the first contract know
        String body = post("urn:crmhub:customer:getCustomer", "<c:GetCustomerRequest><c:goldenId>"
                + written.getGoldenId() + "</c:goldenId></c:GetCustomerRequest>", ACME).body();
        assertThat(body).containsPattern("<(\\w+:)?birthDate>1990-03-07</")
                .containsPattern("</(\\w+:)?link><(\\w+:)?birthDate>");
    }

    @Test
    void aPassportComesBackAndAnEnvelopeOfTheFirstContractIsStillAccepted() throws Exception {
        Customers soap = client(ACME);
        String key = "S-" + UUID.randomUUID();
        PartnerCustomer person = customer("Eleanor Whitcombe", "e.whitcombe." + UUID.randomUUID() + "@example.co.uk");
        person.setBirthDate("1985-11-02");
        person.setDocument(document("PASSPORT", "5123 4567 8", "GB"));
        UpsertCustomerResponse written = soap.upsertCustomer(upsert(key, null, person));
        assertThat(written.getState()).isEqualTo("APPLIED");
        GetCustomerRequest get = new GetCustomerRequest();
        get.setGoldenId(written.getGoldenId());
        GoldenCustomer golden = soap.getCustomer(get).getCustomer();
        assertThat(golden.getBirthDate().toXMLFormat()).isEqualTo("1985-11-02");
        assertThat(golden.getDocument()).extracting(d -> d.getType() + ":" + d.getNumber() + ":" + d.getIssuingCountry())
                .containsExactly("PASSPORT:512345678:GB");

        // an envelope without the new elements (a client of the first contract) is still accepted
        String oldKey = "S-" + UUID.randomUUID();
        HttpResponse<String> old = post("urn:crmhub:customer:upsertCustomer", "<c:UpsertCustomerRequest><c:partnerKey>"
                + oldKey + "</c:partnerKey><c:customer><c:kind>PERSON</c:kind><c:name>周迅</c:name></c:customer>"
                + "</c:UpsertCustomerRequest>", ACME);
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).containsPattern("<(\\w+:)?state>APPLIED</");
        assertThat(crm.queryForObject("SELECT payload->'birthDate' IS NULL AND payload->'documents' IS NULL "
                + "FROM customer_record WHERE source_system = 'partner:acme' AND source_key = ?", Boolean.class, oldKey))
                .isTrue();
    }

    @Test
    void aResidentIdThatCannotBeRightIsAFaultNamingDocumentNumberAndNothingIsStored() throws Exception {
        Customers soap = client(ACME);
        String key = "S-" + UUID.randomUUID();
        String valid = residentId(ThreadLocalRandom.current().nextInt(1000), "19780416");
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
        PartnerCustomer person = customer("邝雨桐", null);
        person.setDocument(document("CN_RESIDENT_ID", wrongCheck, "CN"));

        CustomerFault_Exception fault = catchThrowableOfType(CustomerFault_Exception.class,
                () -> soap.upsertCustomer(upsert(key, null, person)));
        assertThat(fault.getFaultInfo().getCode()).isEqualTo("INVALID_FIELD");
        assertThat(fault.getFaultInfo().getField()).isEqualTo("document.number");
        assertThat(fault.getFaultInfo().getMessage()).contains("not a valid resident id")
                .contains("wrong check character").doesNotContain(wrongCheck).doesNotContain(wrongCheck.substring(6, 14));

        person.setDocument(document("CN_RESIDENT_ID", valid.substring(0, 17), "CN"));
        assertThat(field(() -> soap.upsertCustomer(upsert(key, null, person)))).isEqualTo("document.number");
        person.setDocument(document("DRIVING_LICENCE", "X1234", "GB"));
        assertThat(field(() -> soap.upsertCustomer(upsert(key, null, person)))).isEqualTo("document.type");
        person.setDocument(null);
        person.setBirthDate("7.3.1990");
        assertThat(field(() -> soap.upsertCustomer(upsert(key, null, person)))).isEqualTo("birthDate");

        assertThat(crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = 'partner:acme' "
                + "AND source_key = ?", Integer.class, key)).isZero();
        // refused before a version was taken: the first good write of the key is still a create
        person.setBirthDate(null);
        person.setDocument(document("CN_RESIDENT_ID", valid, "CN"));
        assertThat(soap.upsertCustomer(upsert(key, null, person)).isCreated()).isTrue();
    }

    @Test
    void aReaderMayNotUpsertAndGetsHttp403WithAForbiddenFault() throws Exception {
        assertThat(catchThrowableOfType(Exception.class, () -> client(READER).upsertCustomer(
                upsert("S-" + UUID.randomUUID(), null, customer("周迅", null))))).isNotNull();
        String envelope = """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="http://crmhub.io/partner/customer/v1">
                <soap:Body><c:UpsertCustomerRequest><c:partnerKey>S-1</c:partnerKey><c:customer><c:kind>PERSON</c:kind>
                <c:name>周迅</c:name></c:customer></c:UpsertCustomerRequest></soap:Body></soap:Envelope>""";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address()))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"urn:crmhub:customer:upsertCustomer\"")
                .header(TestPartners.HEADER, READER).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<code>FORBIDDEN</code>").contains("lacks scope customers:write");
    }

    private HttpResponse<String> post(String action, String body, String apiKey) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:c=\"http://crmhub.io/partner/customer/v1\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address()))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"" + action + "\"")
                .header(TestPartners.HEADER, apiKey).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A valid resident id (Beijing Chaoyang, the birth date given, GB 11643 check character). */
    static String residentId(int serial, String yyyymmdd) {
        String first17 = "110105" + yyyymmdd + String.format("%03d", serial);
        return first17 + IdentityDocuments.checkCharacter(first17);
    }

    private static IdentityDocument document(String type, String number, String country) {
        IdentityDocument document = new IdentityDocument();
        document.setType(type);
        document.setNumber(number);
        document.setIssuingCountry(country);
        return document;
    }

    private Customers client(String key) {
        Customers port = new CustomerService().getCustomersPort();
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address());
        context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of(TestPartners.HEADER, List.of(key)));
        return port;
    }

    private String address() {
        return "http://localhost:" + port + "/soap/v1/customers";
    }

    private static UpsertCustomerRequest upsert(String key, Long expectedVersion, PartnerCustomer customer) {
        UpsertCustomerRequest request = new UpsertCustomerRequest();
        request.setPartnerKey(key);
        request.setExpectedVersion(expectedVersion);
        request.setCustomer(customer);
        return request;
    }

    private static PartnerCustomer customer(String name, String email) {
        PartnerCustomer customer = new PartnerCustomer();
        customer.setKind("PERSON");
        customer.setName(name);
        if (email != null) {
            customer.getEmail().add(email);
        }
        return customer;
    }

    private static String code(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(CustomerFault_Exception.class, call).getFaultInfo().getCode();
    }

    private static String field(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        CustomerFault_Exception fault = catchThrowableOfType(CustomerFault_Exception.class, call);
        assertThat(fault.getFaultInfo().getCode()).isEqualTo("INVALID_FIELD");
        return fault.getFaultInfo().getField();
    }
}
