package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.erp.ErpConnectorProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Names, phones and emails never appear in the logs in clear, neither on the happy path nor when a record
 * is rejected (the rejection reason masks the offending value), nor when a partner sends them to the API.
 * What is checked here is the product
 * requirement about logs itself, so reading the captured log output is the point of this test.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLoggingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;

    @Test
    void personalDataOfAcceptedAndRejectedCustomersStaysOutOfTheLogs(CapturedOutput output) {
        try (ErpDatabase erp = new ErpDatabase(erpProps)) {
            await().atMost(TIMEOUT).until(erp::isStreaming);
            long rejected = erp.insert("customers", Map.of("customer_no", "PII-1", "kind", "C",
                    "name", "保密客户甲乙丙有限公司", "contact_name", "秘密联系人", "mobile", "139 8765 4321",
                    "email", "very.secret.person@example.com", "address", "秘密路88号", "status", "BOGUS"));
            long accepted = erp.insert("customers", Map.of("customer_no", "PII-2", "kind", "P",
                    "name", "另一保密客户丁戊", "mobile", "+86 138-2222-3333", "email", "Another.Secret@@example",
                    "status", "LEAD"));

            await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM dead_letter "
                    + "WHERE source_entity = 'customers' AND source_key = ?", Long.class,
                    String.valueOf(rejected)) == 1);
            await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM customer_record "
                    + "WHERE source_key = ?", Long.class, String.valueOf(accepted)) == 1);
            String reason = crm.queryForObject("SELECT reason FROM dead_letter WHERE source_entity = 'customers' "
                    + "AND source_key = ?", String.class, String.valueOf(rejected));
            assertThat(reason).contains("customers.lifecycleStatus").contains("'BOGUS'");
            // the accepted customer's junk email was left out and reported, masked
            String issues = crm.queryForObject("SELECT data_issues::text FROM customer_record WHERE source_key = ?",
                    String.class, String.valueOf(accepted));
            assertThat(issues).contains("customers.emails").contains("is not a valid email address")
                    .doesNotContain("Another.Secret");
        }
        assertThat(output.getAll()).contains("Dead letter from route canonical-publish: erp:customers:")
                .doesNotContain("保密客户甲乙丙", "秘密联系人", "13987654321", "139 8765 4321", "very.secret.person",
                        "秘密路", "另一保密客户丁戊", "13822223333", "138-2222-3333", "Another.Secret");
    }

    @Test
    void personalDataOfPartnerRequestsStaysOutOfTheLogs(CapturedOutput output) throws Exception {
        String key = "PII-" + java.util.UUID.randomUUID();
        java.net.http.HttpResponse<String> accepted = partnerPut(key, """
                {"kind":"PERSON","name":"伙伴保密客户甲","contactName":"伙伴秘密联系人","emails":["partner.secret@example.com"],
                 "phones":["139 5555 6666"],"address":{"country":"CN","street":"伙伴秘密路7号"}}""");
        java.net.http.HttpResponse<String> badEmail = partnerPut(key + "-bad", """
                {"kind":"PERSON","name":"伙伴保密客户乙","emails":["partner.hidden at example.com"]}""");
        java.net.http.HttpResponse<String> badType = partnerPut(key + "-type", """
                {"kind":"PERSON","name":"伙伴保密客户丙","phones":{"mobile":"13977778888"}}""");

        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(badEmail.body()).doesNotContain("partner.hidden");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("phones").doesNotContain("13977778888");
        assertThat(crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = 'partner:acme' "
                + "AND source_key = ?", Long.class, key)).isEqualTo(1);
        assertThat(output.getAll()).doesNotContain("伙伴保密客户", "伙伴秘密联系人", "partner.secret", "13955556666",
                "139 5555 6666", "伙伴秘密路", "partner.hidden", "13977778888");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private java.net.http.HttpResponse<String> partnerPut(String key, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/partners/acme/customers/" + key))
                .header(TestPartners.HEADER, TestPartners.ACME).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
