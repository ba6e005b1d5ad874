package io.crmhub.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.it.ErpDatabase;
import io.crmhub.it.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dead letters over the API: a record the current mapping accepts is replayed into the store; a payment whose
 * amount is still unreadable fails again on its own row (no new dead letter, no automatic retry); a dry run shows
 * both outcomes and changes nothing.
 */
@HubIntegrationTest
class DeadLetterReplayIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    TestRestTemplate http;

    ErpDatabase erp;
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    long customerId;
    long paymentId;

    /** Every call of this test is an operator's: the dead-letter API needs operations:admin. */
    @BeforeEach
    void authenticateAsOperator() {
        var interceptors = http.getRestTemplate().getInterceptors();
        if (interceptors.stream().noneMatch(OperatorKey.class::isInstance)) {
            interceptors.add(new OperatorKey());
        }
    }

    private static final class OperatorKey implements org.springframework.http.client.ClientHttpRequestInterceptor {
        @Override
        public org.springframework.http.client.ClientHttpResponse intercept(org.springframework.http.HttpRequest request,
                byte[] body, org.springframework.http.client.ClientHttpRequestExecution execution)
                throws java.io.IOException {
            request.getHeaders().set(io.crmhub.it.TestPartners.HEADER, io.crmhub.it.TestPartners.STEWARD);
            return execution.execute(request, body);
        }
    }

    @BeforeEach
    void connect() {
        erp = new ErpDatabase(erpProps);
        await().atMost(TIMEOUT).until(erp::isStreaming);
    }

    @AfterEach
    void cleanUp() {
        erp.update("DELETE FROM payment_receipts WHERE id = ?", paymentId);
        erp.update("DELETE FROM customers WHERE id = ?", customerId);
        erp.close();
    }

    @Test
    void replayAppliesWhatMapsNowAndRecordsWhatFailsAgainWithoutLooping() {
        long broken = badPaymentDeadLetter();
        long fixable = fixableDeadLetter();
        String fixableKey = "DLR-" + tag;

        ResponseEntity<JsonNode> listed = http.getForEntity("/api/v1/dead-letters?source=erp&entity=payment_receipts"
                + "&reason=decimal&status=NEW&limit=1000", JsonNode.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getBody().get("items").findValuesAsText("id")).contains(String.valueOf(broken));
        assertThat(listed.getBody().get("items").get(0).has("rawRecord")).isFalse();
        JsonNode one = http.getForObject("/api/v1/dead-letters/" + broken, JsonNode.class);
        assertThat(one.get("rawRecord").asText()).contains("\"entity\":\"payment_receipts\"");

        JsonNode dry = replay(List.of(fixable, broken), null, true);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(result(dry, fixable).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(result(dry, fixable).at("/payload/number").asText()).isEqualTo(fixableKey);
        assertThat(result(dry, broken).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(result(dry, broken).get("reason").asText()).contains("payment_receipts.amount");
        assertThat(statusOf(fixable)).isEqualTo("NEW/0");
        assertThat(statusOf(broken)).isEqualTo("NEW/0");
        assertThat(storedCustomers(fixableKey)).isZero();

        JsonNode done = replay(List.of(fixable, broken), null, false);
        assertThat(result(done, fixable).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(result(done, broken).get("status").asText()).isEqualTo("FAILED_AGAIN");
        assertThat(storedCustomers(fixableKey)).isEqualTo(1);
        assertThat(crm.queryForObject("SELECT mapping_version FROM customer_record WHERE source_key = ?",
                String.class, fixableKey)).isEqualTo("erp-customers@1");
        assertThat(statusOf(fixable)).isEqualTo("REPLAYED/1");
        assertThat(statusOf(broken)).isEqualTo("FAILED_AGAIN/1");
        assertThat(crm.queryForObject("SELECT last_reason FROM dead_letter WHERE id = ?", String.class, broken))
                .contains("payment_receipts.amount");

        // no loop: neither is picked up again unless FAILED_AGAIN is asked for by name, and never a new row
        assertThat(replay(List.of(fixable, broken), null, false).get("count").asInt()).isZero();
        JsonNode again = replay(List.of(fixable, broken), List.of("FAILED_AGAIN"), false);
        assertThat(again.get("count").asInt()).isEqualTo(1);
        assertThat(statusOf(broken)).isEqualTo("FAILED_AGAIN/2");
        assertThat(crm.queryForObject("SELECT count(*) FROM dead_letter WHERE source_entity = 'payment_receipts'"
                + " AND source_key = ?", Long.class, String.valueOf(paymentId))).isEqualTo(1);
    }

    @Test
    void badRequestsAreProblems() {
        ResponseEntity<JsonNode> missing = http.getForEntity("/api/v1/dead-letters/987654321", JsonNode.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ResponseEntity<JsonNode> badTime = http.getForEntity("/api/v1/dead-letters?from=yesterday", JsonNode.class);
        assertThat(badTime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badTime.getBody().get("detail").asText()).contains("from must be an ISO-8601");
        ResponseEntity<JsonNode> replayed = http.postForEntity("/api/v1/dead-letters/replay",
                Map.of("filter", Map.of("status", List.of("REPLAYED"))), JsonNode.class);
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(replayed.getBody().get("detail").asText()).contains("never replayed again");
    }

    /** A payment typed by hand with an amount no mapping can read, dead-lettered by the live CDC route. */
    private long badPaymentDeadLetter() {
        customerId = erp.insert("customers", Map.of("customer_no", "DLR-C-" + tag, "kind", "C",
                "name", "Replay Test Co., Ltd.", "status", "ACTIVE"));
        paymentId = erp.insert("payment_receipts", Map.of("receipt_no", "RC-" + tag, "customer_id", customerId,
                "amount", "12,3a", "currency", "CNY", "paid_at", "2024/6/4", "method", "BANK"));
        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM dead_letter WHERE"
                + " source_entity = 'payment_receipts' AND source_key = ?", Long.class, String.valueOf(paymentId)) == 1);
        return crm.queryForObject("SELECT id FROM dead_letter WHERE source_entity = 'payment_receipts'"
                + " AND source_key = ?", Long.class, String.valueOf(paymentId));
    }

    /** A customer an earlier mapping version refused; the current mapping reads it. */
    private long fixableDeadLetter() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_no", "DLR-" + tag);
        row.put("kind", "C");
        row.put("name", "Replayed Trading Co., Ltd.");
        row.put("country", "CN");
        row.put("status", "PROSPECT");
        SourceChange change = new SourceChange("erp", "customers", ChangeOp.CREATE, "DLR-" + tag, "lsn:42,tx:7", 42,
                Instant.parse("2024-06-04T05:00:00Z"), row);
        return crm.queryForObject("INSERT INTO dead_letter (route_id, source_system, source_entity, source_key,"
                + " source_position, field, reason, error_class, raw_record) VALUES ('canonical-publish', 'erp',"
                + " 'customers', ?, 'lsn:42,tx:7', 'customers.kind', 'customers.kind: ''C'' is not one of O, P',"
                + " 'io.crmhub.mapping.MappingException', ?) RETURNING id", Long.class, "DLR-" + tag,
                CanonicalJson.write(change));
    }

    private JsonNode replay(List<Long> ids, List<String> status, boolean dryRun) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("ids", ids);
        if (status != null) {
            filter.put("status", status);
        }
        ResponseEntity<JsonNode> response = http.postForEntity("/api/v1/dead-letters/replay",
                Map.of("filter", filter, "dryRun", dryRun), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static JsonNode result(JsonNode report, long id) {
        for (JsonNode r : report.get("results")) {
            if (r.get("id").asLong() == id) {
                return r;
            }
        }
        throw new AssertionError("no result for dead letter " + id + " in " + report);
    }

    private String statusOf(long id) {
        return crm.queryForObject("SELECT status || '/' || attempts FROM dead_letter WHERE id = ?", String.class, id);
    }

    private long storedCustomers(String key) {
        return crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = 'erp'"
                + " AND source_entity = 'customers' AND source_key = ?", Long.class, key);
    }
}
