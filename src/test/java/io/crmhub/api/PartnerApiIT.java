package io.crmhub.api;

import static io.crmhub.it.TestPartners.ACME;
import static io.crmhub.it.TestPartners.READER;
import static io.crmhub.it.TestPartners.STEWARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.EntityType;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.PartnerApi;
import io.crmhub.it.PartnerApi.Reply;
import io.crmhub.store.CanonicalStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.FilterChainProxy;

/**
 * The partner REST API against the running hub, every exchange checked against the OpenAPI document the hub
 * serves ({@link PartnerApi}); after all tests every documented operation must have been called. A new
 * operation in the document (e.g. GET /api/v1/kpis) fails {@link #everyDocumentedOperationWasExercised} until a
 * test calls it — one line such as {@code api.get("/api/v1/kpis", ACME)}. Keys are unique per run: the embedded
 * store is shared by all ITs.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerApiIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    CanonicalStore store;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApplicationContext context;

    PartnerApi api;

    @BeforeAll
    void client() throws Exception {
        api = new PartnerApi("http://localhost:" + port, HttpClient.newHttpClient());
    }

    @AfterAll
    void everyDocumentedOperationWasExercised() {
        assertThat(api.unexercised()).as("operations of the served OpenAPI document no test called").isEmpty();
    }

    @Test
    void anUpsertFlowsThroughMappingStoreAndIdentityAndAnswersWithTheGoldenCustomer() {
        String key = "K-" + UUID.randomUUID();
        String email = "li.na." + UUID.randomUUID() + "@example.cn";
        Reply created = api.put(path(key), ACME, customer("李娜", email, "139 0000 1111"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        UUID golden = UUID.fromString(created.json().at("/goldenId").asText());
        assertThat(created.header("Location")).isEqualTo("/api/v1/customers/" + golden);
        assertThat(created.json().at("/state").asText()).isEqualTo("APPLIED");
        assertThat(created.json().at("/customer/record/phones/0/e164").asText()).isEqualTo("+8613900001111");
        // the same path as every source: the record table, the change log and the identity link
        assertThat(crm.queryForObject("SELECT mapping_version FROM customer_record WHERE source_system = "
                + "'partner:acme' AND source_key = ?", String.class, key)).isEqualTo("partner-customers@1");
        assertThat(crm.queryForObject("SELECT golden_id FROM identity_link WHERE source_system = 'partner:acme' "
                + "AND source_key = ?", UUID.class, key)).isEqualTo(golden);

        Reply read = api.get("/api/v1/customers/" + golden, READER);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().at("/links/0/source/system").asText()).isEqualTo("partner:acme");
        assertThat(read.json().at("/provenance/name/system").asText()).isEqualTo("partner:acme");
        assertThat(read.json().at("/provenance/name/mappingVersion").asText()).isEqualTo("partner-customers@1");
        assertThat(api.get("/api/v1/customers/" + golden, READER, "If-None-Match", read.header("ETag")).status())
                .isEqualTo(304);
    }

    @Test
    void updatesNeedTheCurrentVersionInIfMatch() {
        String key = "K-" + UUID.randomUUID();
        Map<String, Object> body = customer("王芳", "wang.fang." + UUID.randomUUID() + "@example.cn", null);
        assertThat(api.put(path(key), ACME, body).status()).isEqualTo(201);

        Reply missing = api.put(path(key), ACME, body);
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.json().at("/type").asText()).endsWith("/version-required");
        Reply stale = api.put(path(key), ACME, body, "If-Match", "\"7\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().at("/detail").asText()).contains("is at version 1, not 7");
        assertThat(api.put(path(key), ACME, body, "If-None-Match", "*").json().at("/type").asText())
                .endsWith("/already-exists");

        body.put("lifecycleStatus", "CUSTOMER");
        Reply updated = api.put(path(key), ACME, body, "If-Match", "\"1\"");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(crm.queryForObject("SELECT lifecycle_status FROM customer_record WHERE source_system = "
                + "'partner:acme' AND source_key = ?", String.class, key)).isEqualTo("CUSTOMER");
    }

    @Test
    void respondAsyncAnswers202WithAStatusUrlThatTurnsApplied() {
        String key = "K-" + UUID.randomUUID();
        Reply accepted = api.put(path(key), ACME, customer("赵敏", "zhao." + UUID.randomUUID() + "@example.cn", null),
                "Prefer", "respond-async");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Location")).isEqualTo(path(key));
        await().atMost(TIMEOUT).until(() -> api.get(path(key), ACME).json().at("/state").asText().equals("APPLIED"));
        assertThat(api.get(path(key), ACME).json().at("/goldenId").asText()).isNotBlank();
    }

    @Test
    void aWriteTheStoreRefusesTurnsFailedWithItsReasonInsteadOfStayingPending() {
        // the store refuses these keys for this test (a real constraint, a real store write failing)
        crm.execute("ALTER TABLE customer_record ADD CONSTRAINT partner_it_refused CHECK (source_key NOT LIKE "
                + "'REFUSED-%') NOT VALID");
        try {
            String key = "REFUSED-" + UUID.randomUUID();
            Reply refused = api.put(path(key), ACME, customer("孙丽", "sun.li." + UUID.randomUUID() + "@example.cn",
                    null));
            // 422 FAILED when the store refused it within the wait; the store retries a failing batch before it
            // dead-letters the event, which can outlast the wait on a busy machine: then 202, and the status turns
            if (refused.status() == 422) {
                assertThat(refused.json().at("/state").asText()).isEqualTo("FAILED");
            } else {
                assertThat(refused.status()).isEqualTo(202);
            }
            Reply status = await().atMost(Duration.ofSeconds(90)).until(() -> api.get(path(key), ACME),
                    r -> r.json().at("/state").asText().equals("FAILED"));
            // the dead letter names the partner's record as it is (system partner:acme, its key)
            assertThat(crm.queryForObject("SELECT source_system || '|' || source_entity FROM dead_letter WHERE "
                    + "source_key = ?", String.class, key)).isEqualTo("partner:acme|customers");
            assertThat(status.json().at("/reason").asText()).contains("23514", "partner_it_refused")
                    .doesNotContain("孙丽", "sun.li", "INSERT");

            // the status says so too, for a write sent with respond-async
            String later = "REFUSED-" + UUID.randomUUID();
            assertThat(api.put(path(later), ACME, customer("周杰", "zhou." + UUID.randomUUID() + "@example.cn", null),
                    "Prefer", "respond-async").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(90)).until(() -> api.get(path(later), ACME).json().at("/state")
                    .asText(), "FAILED"::equals);
            assertThat(api.get(path(later), ACME).json().at("/reason").asText()).contains("partner_it_refused");
            // a valid write meanwhile is not held up
            String fine = "K-" + UUID.randomUUID();
            assertThat(api.put(path(fine), ACME, customer("钱明", "qian." + UUID.randomUUID() + "@example.cn", null))
                    .status()).isEqualTo(201);
        } finally {
            crm.execute("ALTER TABLE customer_record DROP CONSTRAINT partner_it_refused");
        }
    }

    @Test
    void badFieldsAre400ProblemsNamingTheField() {
        String key = "K-" + UUID.randomUUID();
        Reply email = api.sendInvalid("PUT", path(key), ACME, customer("张伟", "zhang.wei at example", null));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(email.json().at("/field").asText()).isEqualTo("emails");
        assertThat(email.json().at("/detail").asText()).contains("is not a valid email address")
                .doesNotContain("zhang.wei at example");

        Map<String, Object> kind = customer("张伟", null, null);
        kind.put("kind", "ROBOT");
        assertThat(api.sendInvalid("PUT", path(key), ACME, kind).json().at("/field").asText()).isEqualTo("kind");
        Map<String, Object> tax = customer("张伟", null, null);
        String first17 = "91310000MA1FL0XX0";
        char wrong = UnifiedSocialCreditCode.checkChar(first17) == '1' ? '2' : '1';
        tax.put("taxId", first17 + wrong);
        assertThat(api.sendInvalid("PUT", path(key), ACME, tax).json().at("/detail").asText())
                .contains("taxId: is not a valid unified social credit code");
        assertThat(api.sendInvalid("PUT", path(key), ACME, "{\"kind\":\"PERSON\",\"name\":\"x\",\"emails\":\"a@b.cn\"}")
                .json().at("/field").asText()).isEqualTo("emails");
        Reply badKey = api.sendInvalid("PUT", path("bad%20key!"), ACME, customer("张伟", null, null));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().at("/field").asText()).isEqualTo("partnerKey");
        assertThat(crm.queryForObject("SELECT count(*) FROM partner_customer WHERE partner_key = ?", Long.class, key))
                .as("no version was taken by a refused write").isZero();
    }

    @Test
    void searchFindsByFuzzyNamePhoneInAnyFormatEmailAndTaxId() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "东方电子" + tag + "有限公司";
        String mobile = "139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        String first17 = "91310000" + String.format("%09d", Math.floorMod(System.nanoTime() / 7, 1_000_000_000L));
        String taxId = first17 + UnifiedSocialCreditCode.checkChar(first17);
        Map<String, Object> body = customer(name, tag + "@dongfang.cn", mobile);
        body.put("kind", "ORGANISATION");
        body.put("taxId", taxId);
        UUID golden = UUID.fromString(api.put(path("K-" + tag), ACME, body).json().at("/goldenId").asText());

        assertThat(ids(api.get("/api/v1/customers?name=" + enc("东方电子" + tag) + "&size=5", READER)))
                .contains(golden.toString());
        assertThat(ids(api.get("/api/v1/customers?phone=" + enc("+86 " + mobile.substring(0, 3) + " "
                + mobile.substring(3)), READER))).containsExactly(golden.toString());
        assertThat(ids(api.get("/api/v1/customers?email=" + enc(tag.toUpperCase() + "@DongFang.cn")
                + "&sort=-updatedAt", READER))).containsExactly(golden.toString());
        assertThat(ids(api.get("/api/v1/customers?taxId=" + enc(taxId.substring(0, 8) + "-" + taxId.substring(8)
                .toLowerCase()) + "&sort=name", READER))).as("tax id %s of %s", taxId,
                api.get("/api/v1/customers/" + golden, READER).json()).containsExactly(golden.toString());
        Reply none = api.sendInvalid("GET", "/api/v1/customers", READER, null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(api.sendInvalid("GET", "/api/v1/customers?name=x&size=1000", READER, null).json().at("/field")
                .asText()).isEqualTo("size");
    }

    @Test
    void aCustomersOrdersPaymentsAndInteractionsComeFromEverySourceThroughTheGoldenViews() {
        String email = "chen." + UUID.randomUUID() + "@example.cn";
        UUID golden = UUID.fromString(api.put(path("K-" + UUID.randomUUID()), ACME, customer("陈静", email, null))
                .json().at("/goldenId").asText());
        String erp = "E-" + UUID.randomUUID();
        store.apply(StoreEvents.of(EntityType.CUSTOMER, "erp", "customers", erp, Map.of("number", erp,
                "kind", "PERSON", "name", "陈静", "emails", List.of(email), "lifecycleStatus", "CUSTOMER")));
        var customer = StoreEvents.ref("erp", "customers", erp);
        store.apply(StoreEvents.of(EntityType.ORDER, "erp", "sales_orders", "O-" + erp, Map.of("orderNumber",
                "SO-" + erp, "customer", customer, "channel", "ERP", "orderDate", "2026-11-20", "status", "CONFIRMED",
                "currency", "CNY", "totalAmount", 1200)));
        store.apply(StoreEvents.of(EntityType.PAYMENT, "erp", "payment_receipts", "P-" + erp, Map.of("receiptNumber",
                "RC-" + erp, "customer", customer, "amount", 1200, "currency", "CNY", "paidAt", "2026-11-21T02:00:00Z",
                "method", "ALIPAY")));
        store.apply(StoreEvents.of(EntityType.INTERACTION, "erp", "tickets", "T-" + erp, Map.of("reference",
                "T-" + erp, "customer", customer, "kind", "COMPLAINT", "status", "OPEN",
                "openedAt", "2026-11-21T03:00:00Z")));

        assertThat(api.get("/api/v1/customers/" + golden + "/orders", READER).json().at("/items/0/record/orderNumber")
                .asText()).isEqualTo("SO-" + erp);
        assertThat(api.get("/api/v1/customers/" + golden + "/payments?size=5", READER).json()
                .at("/items/0/record/method").asText()).isEqualTo("ALIPAY");
        assertThat(api.get("/api/v1/customers/" + golden + "/interactions?page=0", READER).json()
                .at("/items/0/record/kind").asText()).isEqualTo("COMPLAINT");
        assertThat(api.get("/api/v1/customers/" + golden, READER).json().at("/links")).hasSize(2);

        // a page that is not a number: the parameter and what it must be, never the value echoed back
        String hostile = "x".repeat(500) + "13800138000";
        var notANumber = api.sendInvalid("GET", "/api/v1/customers/" + golden + "/interactions?page=" + hostile,
                READER, null);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().at("/detail").asText()).isEqualTo("'page' must be a whole number");
        assertThat(notANumber.json().at("/type").asText()).endsWith("/invalid-request");
        assertThat(notANumber.json().toString()).doesNotContain("13800138000");
    }

    @Test
    void aMergedIdAnswers301WithTheSurvivor() {
        UUID a = UUID.fromString(api.put(path("K-" + UUID.randomUUID()), ACME, customer("刘洋" + UUID.randomUUID().toString().substring(0, 4),
                "liu." + UUID.randomUUID() + "@example.cn", null)).json().at("/goldenId").asText());
        UUID b = UUID.fromString(api.put(path("K-" + UUID.randomUUID()), ACME, customer("Zhou Jie " + UUID.randomUUID().toString().substring(0, 4),
                "zhou." + UUID.randomUUID() + "@example.cn", null)).json().at("/goldenId").asText());
        Reply merge = api.outsideContract("POST", "/api/v1/identity/merge", STEWARD, Map.of("goldenIds", List.of(a, b),
                "reason", "same person"));
        assertThat(merge.status()).isEqualTo(200);
        UUID survivor = UUID.fromString(merge.json().at("/goldenId").asText());
        UUID absorbed = survivor.equals(a) ? b : a;

        Reply moved = api.get("/api/v1/customers/" + absorbed, READER);
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.header("Location")).isEqualTo("/api/v1/customers/" + survivor);
        assertThat(moved.json().at("/mergedInto").asText()).isEqualTo(survivor.toString());
        for (String activity : List.of("orders", "payments", "interactions")) {
            assertThat(api.get("/api/v1/customers/" + absorbed + "/" + activity, READER).header("Location"))
                    .startsWith("/api/v1/customers/" + survivor + "/" + activity);
        }
    }

    /**
     * GET customer serves a rendering kept by golden id and version, checked against the store on every read:
     * after an upsert, a merge, an unmerge, a source delete, and a change this hub instance never saw (another
     * instance, another path: here a direct update of the row) the next GET shows the change with its new ETag.
     */
    @Test
    void readsAfterUpsertMergeUnmergeAndDeleteShowTheChangeWithItsETag() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String keyA = "K-A-" + tag;
        Map<String, Object> a = customer("欧阳" + tag, "ouyang." + tag + "@example.cn", null);
        UUID golden = UUID.fromString(api.put(path(keyA), ACME, a).json().at("/goldenId").asText());
        Reply first = read(golden);
        assertThat(first.json().at("/links")).hasSize(1);
        double kept = renderings("hit");
        Reply again = read(golden);
        assertThat(renderings("hit")).as("the second read is served from the kept rendering").isEqualTo(kept + 1);
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.json()).isEqualTo(first.json());

        // upsert: new field, new ETag; the old ETag no longer answers 304
        a.put("lifecycleStatus", "CUSTOMER");
        assertThat(api.put(path(keyA), ACME, a, "If-Match", "\"1\"").status()).isEqualTo(200);
        Reply updated = read(golden);
        assertThat(updated.json().at("/record/lifecycleStatus").asText()).isEqualTo("CUSTOMER");
        assertThat(updated.header("ETag")).isNotEqualTo(first.header("ETag"));
        assertThat(api.get("/api/v1/customers/" + golden, READER, "If-None-Match", first.header("ETag")).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/customers/" + golden, READER, "If-None-Match", updated.header("ETag")).status())
                .isEqualTo(304);

        // merge with another golden customer, both read (kept) before
        String keyB = "K-B-" + tag;
        UUID other = UUID.fromString(api.put(path(keyB), ACME, customer("Ximen " + tag, "ximen." + tag
                + "@example.cn", null)).json().at("/goldenId").asText());
        read(other);
        Reply merge = api.outsideContract("POST", "/api/v1/identity/merge", STEWARD, Map.of("goldenIds",
                List.of(golden, other), "reason", "same customer"));
        assertThat(merge.status()).isEqualTo(200);
        UUID survivor = UUID.fromString(merge.json().at("/goldenId").asText());
        UUID absorbed = survivor.equals(golden) ? other : golden;
        Reply beforeMerge = survivor.equals(golden) ? updated : null;
        assertThat(api.get("/api/v1/customers/" + absorbed, READER).status()).isEqualTo(301);
        Reply merged = read(survivor);
        assertThat(merged.json().at("/links").findValuesAsText("key")).containsExactlyInAnyOrder(keyA, keyB);
        if (beforeMerge != null) {
            assertThat(merged.header("ETag")).isNotEqualTo(beforeMerge.header("ETag"));
        }

        // unmerge B again: the survivor keeps A only, B is a golden customer of its own
        Reply unmerge = api.outsideContract("POST", "/api/v1/identity/golden/" + survivor + "/unmerge", STEWARD,
                Map.of("records", List.of(Map.of("system", "partner:acme", "entity", "customers", "key", keyB)),
                        "reason", "not the same"));
        assertThat(unmerge.status()).isEqualTo(200);
        Reply split = read(survivor);
        assertThat(split.json().at("/links").findValuesAsText("key")).containsExactly(survivor.equals(golden) ? keyA
                : keyB);
        assertThat(split.header("ETag")).isNotEqualTo(merged.header("ETag"));
        UUID splitOff = UUID.fromString(unmerge.json().at("/splitOff/0").asText());
        assertThat(read(splitOff).json().at("/links").findValuesAsText("key")).hasSize(1);

        // a source deletes its record: the link shows it, and the ETag moves
        UUID withA = survivor.equals(golden) ? survivor : splitOff;
        String erp = "E-" + tag;
        store.apply(StoreEvents.of(EntityType.CUSTOMER, "erp", "customers", erp, Map.of("number", erp,
                "kind", "PERSON", "name", "欧阳" + tag, "emails", List.of("ouyang." + tag + "@example.cn"))));
        Reply linked = read(withA);
        assertThat(linked.json().at("/links").findValuesAsText("key")).contains(erp);
        store.apply(StoreEvents.deleted(EntityType.CUSTOMER, "erp", "customers", erp));
        Reply deleted = read(withA);
        assertThat(deleted.header("ETag")).isNotEqualTo(linked.header("ETag"));
        JsonNode erpLink = null;
        for (JsonNode link : deleted.json().at("/links")) {
            if (link.at("/source/key").asText().equals(erp)) {
                erpLink = link;
            }
        }
        assertThat(erpLink).isNotNull();
        assertThat(erpLink.at("/deleted").asBoolean()).isTrue();

        // a change this instance did not make (another hub instance, any other path) is seen by the next read too
        crm.update("UPDATE golden_customer SET record = jsonb_set(record, '{industry}', '\"Shipping\"'),"
                + " version = version + 1, updated_at = clock_timestamp() WHERE golden_id = ?", withA);
        Reply elsewhere = read(withA);
        assertThat(elsewhere.json().at("/record/industry").asText()).isEqualTo("Shipping");
        assertThat(elsewhere.header("ETag")).isEqualTo("\"" + crm.queryForObject(
                "SELECT version FROM golden_customer WHERE golden_id = ?", Long.class, withA) + "\"");
        assertThat(elsewhere.json().at("/version").asLong()).isEqualTo(Long.parseLong(
                elsewhere.header("ETag").replace("\"", "")));
    }

    /** A 200 whose ETag is the version in the body and in the store. */
    private Reply read(UUID golden) {
        Reply reply = api.get("/api/v1/customers/" + golden, READER);
        assertThat(reply.status()).isEqualTo(200);
        long stored = crm.queryForObject("SELECT version FROM golden_customer WHERE golden_id = ?", Long.class, golden);
        assertThat(reply.header("ETag")).isEqualTo("\"" + stored + "\"");
        assertThat(reply.json().at("/version").asLong()).isEqualTo(stored);
        return reply;
    }

    private double renderings(String result) {
        return meters.get("hub.partners.customer.renderings").tag("result", result).counter().count();
    }

    @Test
    void theSecurityFilterChainRunsWithoutSpringMvcsHandlerLookupInFrontOfIt() {
        // WebMvcSecurityConfiguration's wrapper runs HandlerMappingIntrospector's cache filter first
        assertThat(context.getBean("springSecurityFilterChain")).as("ApiSecurityConfiguration"
                + ".securityFilterChainWithoutMvcLookup: Spring Security wraps its chain differently now")
                .isInstanceOf(FilterChainProxy.class)
                .extracting(chain -> chain.getClass().getName()).asString().doesNotContain("WebMvcSecurityConfiguration");
    }

    @Test
    void unknownAndMalformedIdsAreSpecificProblems() {
        Reply unknown = api.get("/api/v1/customers/" + UUID.randomUUID(), READER);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/type").asText()).endsWith("/customer-not-found");
        assertThat(api.sendInvalid("GET", "/api/v1/customers/not-a-uuid", READER, null).status()).isEqualTo(400);
        assertThat(api.get(path("never-written"), ACME).status()).isEqualTo(404);
    }

    @Test
    void withoutKeyOrScopeOrForAnotherPartnerTheAnswerIs401Or403() {
        assertThat(api.sendInvalid("GET", "/api/v1/customers?name=x", null, null).status()).isEqualTo(401);
        Reply reader = api.put(path("K-" + UUID.randomUUID()), READER, customer("孙丽", null, null));
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.json().at("/detail").asText()).contains("lacks scope customers:write");
        Reply other = api.put("/api/v1/partners/other/customers/K-1", ACME, customer("孙丽", null, null));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().at("/detail").asText()).contains("may not act for partner other");
    }

    private static String path(String key) {
        return "/api/v1/partners/acme/customers/" + key;
    }

    private static Map<String, Object> customer(String name, String email, String phone) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", "PERSON", "name", name));
        if (email != null) {
            body.put("emails", List.of(email));
        }
        if (phone != null) {
            body.put("phones", List.of(phone));
        }
        body.put("address", Map.of("country", "CN", "city", "上海"));
        return body;
    }

    private static List<String> ids(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().at("/items").findValuesAsText("goldenId");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
