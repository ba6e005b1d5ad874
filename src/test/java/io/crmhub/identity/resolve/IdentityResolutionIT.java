package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.config.HubKafkaProperties;
import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.match.Outcome;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.TestPartners;
import io.crmhub.it.TopicReader;
import io.crmhub.store.CanonicalStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity resolution in the running hub against the real store: customers applied by the store are linked
 * to golden customers with provenance, merged, sent to review, unmerged and explained, and every decision is
 * audited and reaches the identity topic. Values are unique per run: the embedded store is shared by all ITs.
 */
@HubIntegrationTest
class IdentityResolutionIT {

    @Autowired
    CanonicalStore store;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    TestRestTemplate http;
    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    CamelContext camel;
    @Autowired
    IdentityOutbox outbox;
    @Autowired
    IdentityProperties identity;
    @Autowired
    NamedParameterJdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    PairMatcher matcher;
    @Autowired
    CustomerNormalizer normalizer;

    @Test
    void duplicatesFromTwoSystemsBecomeOneGoldenCustomerWithProvenanceAndTheirOrdersFollow() {
        String email = Customers.uniqueEmail("li.na");
        var erp = Customers.customer("erp", "E-" + UUID.randomUUID()).name("李娜").email(email)
                .phone(Customers.uniqueMobile());
        var shop = Customers.customer("shop", "S-" + UUID.randomUUID()).name("Li Na").email(email.toUpperCase());
        store.apply(erp.event());
        store.apply(shop.event());
        store.apply(Customers.order("shop", "O-" + UUID.randomUUID(), shop.ref()));

        UUID golden = goldenOf(erp.ref());
        assertThat(goldenOf(shop.ref())).isEqualTo(golden);
        JsonNode body = get("/api/v1/identity/golden/" + golden).getBody();
        assertThat(body.at("/status").asText()).isEqualTo("ACTIVE");
        assertThat(body.at("/links")).hasSize(2);
        assertThat(body.at("/record/name").asText()).isEqualTo("李娜"); // the Han-script name, and the ERP's
        JsonNode nameFrom = body.at("/provenance/name");
        assertThat(nameFrom.at("/system").asText()).isEqualTo("erp");
        assertThat(nameFrom.at("/key").asText()).isEqualTo(erp.ref().key());
        assertThat(nameFrom.at("/position").asText()).startsWith("pos-");
        assertThat(nameFrom.at("/mappingVersion").asText()).isEqualTo("erp@1");
        assertThat(nameFrom.at("/rule").asText()).isEqualTo("script-priority");
        assertThat(crm.queryForObject("SELECT golden_id FROM order_golden WHERE customer_key = ? AND source_system = 'shop'",
                UUID.class, shop.ref().key())).isEqualTo(golden);
        assertThat(kinds(golden)).containsExactly("CREATED", "LINKED");
    }

    @Test
    void theHanScriptNameBecomesTheGoldenNameEvenWhenTheErpHasTheRomanisedOne() {
        String email = Customers.uniqueEmail("li.na");
        var erp = Customers.customer("erp", "E-" + UUID.randomUUID()).name("Li Na").email(email)
                .phone(Customers.uniqueMobile());
        var oa = Customers.customer("oa", "C-" + UUID.randomUUID()).name("李娜").email(email);
        store.apply(erp.event());
        store.apply(oa.event());

        UUID golden = goldenOf(erp.ref());
        assertThat(goldenOf(oa.ref())).isEqualTo(golden);
        Map<String, Object> row = crm.queryForMap("SELECT name, provenance->'name'->>'system' AS system, "
                + "provenance->'name'->>'key' AS key, provenance->'name'->>'rule' AS rule FROM golden_customer "
                + "WHERE golden_id = ?", golden);
        assertThat(row).containsEntry("name", "李娜").containsEntry("system", "oa")
                .containsEntry("key", oa.ref().key()).containsEntry("rule", "script-priority");
    }

    @Test
    void explainSaysWhichRuleScoreAndFieldComparisonsLinkEachRecord() {
        String email = Customers.uniqueEmail("zhang.wei");
        var erp = Customers.customer("erp", "E-" + UUID.randomUUID()).name("张伟").email(email);
        var oa = Customers.customer("oa", "C-" + UUID.randomUUID()).name("Zhang Wei").email(email);
        store.apply(erp.event());
        store.apply(oa.event());

        JsonNode explain = get("/api/v1/identity/golden/" + goldenOf(erp.ref()) + "/explain").getBody();
        JsonNode second = explain.at("/golden/links/1");
        assertThat(second.at("/source/key").asText()).isEqualTo(oa.ref().key());
        assertThat(second.at("/rule").asText()).isEqualTo("same-email");
        assertThat(second.at("/via/key").asText()).isEqualTo(erp.ref().key());
        assertThat(second.at("/score").asDouble()).isPositive();
        assertThat(second.at("/explanation/comparisons").findValuesAsText("field")).contains("email", "name");
        assertThat(second.at("/explanation/comparisons").findValuesAsText("level")).contains("pinyin"); // 张伟 meets Zhang Wei
        assertThat(explain.at("/history").findValuesAsText("kind")).containsExactly("CREATED", "LINKED");
    }

    @Test
    void aGoldenCustomersHistoryIsReadByIndexesNotByReadingEveryDecision() {
        // The decision table grows by about two rows per resolved record for ever; the test store is too small for the
        // planner to prefer an index on its own, so sequential scans are priced out: it still takes one when no index
        // can answer "golden_id = x OR other_golden_id = x".
        String plan = tx.execute(status -> {
            crm.execute("SET LOCAL enable_seqscan = off");
            return String.join("\n", jdbc.queryForList("EXPLAIN " + IdentityQueries.HISTORY,
                    new MapSqlParameterSource("golden", UUID.randomUUID()), String.class));
        });
        assertThat(plan).contains("identity_decision_golden_idx", "identity_decision_other_golden_idx")
                .doesNotContain("Seq Scan");
    }

    @Test
    void twoDifferentValidTaxIdsNeverMergeEvenWithTheSameNameAndSwitchboard() {
        String name = "明达贸易有限公司 " + UUID.randomUUID().toString().substring(0, 6);
        String switchboard = Customers.uniqueMobile();
        var a = Customers.customer("erp", "E-" + UUID.randomUUID()).organisation().name(name)
                .taxId(Customers.validTaxId()).phone(switchboard);
        var b = Customers.customer("oa", "C-" + UUID.randomUUID()).organisation().name(name)
                .taxId(Customers.validTaxId()).phone(switchboard);
        store.apply(a.event());
        store.apply(b.event());

        assertThat(goldenOf(a.ref())).isNotEqualTo(goldenOf(b.ref()));
    }

    @Test
    void aPairInTheReviewBandWaitsForAPersonAndMergesOnTheirWord() {
        // the same rare name and the same role mailbox, different mobiles: in the review band with two agreeing
        // fields (a name alone is not reviewed: thresholds.review-min-fields)
        String name = "欧阳" + UUID.randomUUID().toString().substring(0, 4);
        String mailbox = Customers.uniqueRoleMailbox();
        var a = Customers.customer("erp", "E-" + UUID.randomUUID()).name(name).email(mailbox)
                .phone(Customers.uniqueMobile());
        var b = Customers.customer("shop", "S-" + UUID.randomUUID()).name(name).email(mailbox)
                .phone(Customers.uniqueMobile());
        store.apply(a.event());
        store.apply(b.event());
        assertThat(goldenOf(a.ref())).isNotEqualTo(goldenOf(b.ref()));

        Long review = crm.queryForObject("SELECT id FROM identity_review WHERE status = 'OPEN' AND "
                + "((left_key = ? AND right_key = ?) OR (left_key = ? AND right_key = ?))", Long.class,
                a.ref().key(), b.ref().key(), b.ref().key(), a.ref().key());
        UUID older = goldenOf(a.ref());
        ResponseEntity<JsonNode> decided = post("/api/v1/identity/reviews/" + review + "/decision",
                Map.of("decision", "MERGE"));
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(decided.getBody().at("/status").asText()).isEqualTo("MERGED");
        assertThat(goldenOf(b.ref())).isEqualTo(older);
        assertThat(post("/api/v1/identity/reviews/" + review + "/decision", Map.of("decision", "DISTINCT"))
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aSharedNameAloneIsNotSentToAPerson() {
        // scored in the review band (a rare name, the e-mails differ) but nothing besides the name agrees
        String name = "欧阳" + UUID.randomUUID().toString().substring(0, 4);
        var a = Customers.customer("erp", "E-" + UUID.randomUUID()).name(name).email(Customers.uniqueEmail("a"));
        var b = Customers.customer("shop", "S-" + UUID.randomUUID()).name(name).email(Customers.uniqueEmail("b"));
        store.apply(a.event());
        store.apply(b.event());

        // the pair the review test used up to rules version 3, where it opened a review
        MatchExplanation pair = matcher.compare(normalized(a.event()), normalized(b.event()), TermFrequencies.none());
        assertThat(pair.score()).isGreaterThanOrEqualTo(matcher.rules().thresholds().review());
        assertThat(pair.rule()).isEqualTo(PairMatcher.TOO_LITTLE_EVIDENCE);
        assertThat(goldenOf(a.ref())).isNotEqualTo(goldenOf(b.ref()));
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_review WHERE left_key IN (?, ?) "
                + "OR right_key IN (?, ?)", Long.class, a.ref().key(), b.ref().key(), a.ref().key(), b.ref().key()))
                .isZero();
    }

    @Test
    void reviewsAnOlderRulesVersionOpenedForASharedNameAloneAreWithdrawnOnAStewardsWord() {
        // three reviews as rules version 3 left them in a store: a shared name alone, a name with a role mailbox,
        // a join refused by a guard (outcome MERGE)
        String name = "欧阳" + UUID.randomUUID().toString().substring(0, 4);
        String mailbox = Customers.uniqueRoleMailbox();
        var a = Customers.customer("erp", "E-" + UUID.randomUUID()).name(name).email(mailbox)
                .phone(Customers.uniqueMobile());
        var b = Customers.customer("shop", "S-" + UUID.randomUUID()).name(name).phone(Customers.uniqueMobile());
        var c = Customers.customer("oa", "C-" + UUID.randomUUID()).name(name).email(mailbox)
                .phone(Customers.uniqueMobile());
        MatchExplanation nameOnly = matcher.compare(normalized(a.event()), normalized(b.event()), TermFrequencies.none());
        MatchExplanation withMailbox = matcher.compare(normalized(a.event()), normalized(c.event()),
                TermFrequencies.none());
        long outdated = openReviewOfRulesV3(a.ref(), b.ref(), Outcome.REVIEW, nameOnly);
        long kept = openReviewOfRulesV3(a.ref(), c.ref(), Outcome.REVIEW, withMailbox);
        long refused = openReviewOfRulesV3(b.ref(), c.ref(), Outcome.MERGE, nameOnly);

        ResponseEntity<JsonNode> withdrawn = post("/api/v1/identity/reviews/withdraw-outdated?limit=100000", null);

        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getBody().at("/withdrawn").asInt()).isPositive();
        assertThat(crm.queryForMap("SELECT status, decided_by FROM identity_review WHERE id = ?", outdated))
                .containsEntry("status", "WITHDRAWN").containsEntry("decided_by", "steward");
        assertThat(crm.queryForObject("SELECT status FROM identity_review WHERE id = ?", String.class, kept))
                .isEqualTo("OPEN");
        assertThat(crm.queryForObject("SELECT status FROM identity_review WHERE id = ?", String.class, refused))
                .isEqualTo("OPEN");
        assertThat(post("/api/v1/identity/reviews/" + outdated + "/decision", Map.of("decision", "MERGE"))
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/v1/identity/reviews/withdraw-outdated", null).getBody().at("/withdrawn").asInt())
                .isZero();
    }

    /** An open review as rules version 3 stored it: that outcome, the pair's score and field comparisons. */
    private long openReviewOfRulesV3(EntityRef left, EntityRef right, Outcome outcome, MatchExplanation compared) {
        MatchExplanation explanation = new MatchExplanation(outcome, null, compared.score(), compared.comparisons(), 3);
        return crm.queryForObject("INSERT INTO identity_review (left_system, left_entity, left_key, right_system, "
                + "right_entity, right_key, score, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS json)) "
                + "RETURNING id", Long.class, left.system(), left.entity(), left.key(), right.system(), right.entity(),
                right.key(), explanation.score(), CanonicalJson.write(explanation));
    }

    private NormalizedCustomer normalized(CanonicalEvent event) {
        return normalizer.normalize(IdentityRepository.customer(event.payload().toString()));
    }

    @Test
    void aRecordIsReviewedOnceAgainstAGoldenCustomerNotOnceForEachOfItsCopies() {
        String name = "司马" + UUID.randomUUID().toString().substring(0, 4);
        String mailbox = Customers.uniqueRoleMailbox();
        String mobile = Customers.uniqueMobile();
        var first = Customers.customer("shop", "S-" + UUID.randomUUID()).name(name).email(mailbox).phone(mobile);
        var copy = Customers.customer("oa", "C-" + UUID.randomUUID()).name(name).email(mailbox.toUpperCase())
                .phone(mobile);
        store.apply(first.event());
        store.apply(copy.event());
        UUID golden = goldenOf(first.ref());
        assertThat(goldenOf(copy.ref())).isEqualTo(golden); // same mobile, same name: one customer, two records

        // the same name and role mailbox with another mobile: in the review band with both records of that customer
        var newcomer = Customers.customer("erp", "E-" + UUID.randomUUID()).name(name).email(mailbox)
                .phone(Customers.uniqueMobile());
        store.apply(newcomer.event());
        assertThat(goldenOf(newcomer.ref())).isNotEqualTo(golden);

        List<Map<String, Object>> reviews = crm.queryForList("SELECT left_key, right_key FROM identity_review "
                + "WHERE left_key = ? OR right_key = ?", newcomer.ref().key(), newcomer.ref().key());
        assertThat(reviews).hasSize(1);
        Map<String, Object> review = reviews.get(0);
        String other = newcomer.ref().key().equals(review.get("left_key")) ? (String) review.get("right_key")
                : (String) review.get("left_key");
        assertThat(other).isIn(first.ref().key(), copy.ref().key());
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_decision WHERE kind = 'REVIEW_OPENED' "
                + "AND source_key = ?", Long.class, newcomer.ref().key())).isEqualTo(1L);
    }

    @Test
    void unmergeSplitsRecordsOffRepointsTheirOrdersKeepsTheIdAndIsNotUndoneByTheNextChange() {
        String email = Customers.uniqueEmail("wang.fang");
        var erp = Customers.customer("erp", "E-" + UUID.randomUUID()).name("王芳").email(email);
        var shop = Customers.customer("shop", "S-" + UUID.randomUUID()).name("王芳").email(email);
        store.apply(erp.event());
        store.apply(shop.event());
        String order = "O-" + UUID.randomUUID();
        store.apply(Customers.order("shop", order, shop.ref()));
        UUID golden = goldenOf(erp.ref());
        assertThat(goldenOf(shop.ref())).isEqualTo(golden);

        ResponseEntity<JsonNode> split = post("/api/v1/identity/golden/" + golden + "/unmerge", Map.of(
                "records", List.of(Map.of("system", "shop", "entity", "customers", "key", shop.ref().key())),
                "reason", "two people share a family mailbox"));
        assertThat(split.getStatusCode()).isEqualTo(HttpStatus.OK);
        UUID other = UUID.fromString(split.getBody().at("/splitOff/0").asText());

        assertThat(goldenOf(erp.ref())).isEqualTo(golden);
        assertThat(goldenOf(shop.ref())).isEqualTo(other);
        assertThat(crm.queryForObject("SELECT golden_id FROM order_golden WHERE source_system = 'shop' "
                + "AND source_key = ?", UUID.class, order)).isEqualTo(other);
        store.apply(shop.event()); // a new change of the split-off record must not merge it back
        assertThat(goldenOf(shop.ref())).isEqualTo(other);
        assertThat(kinds(golden)).contains("UNMERGED");
        assertThat(get("/api/v1/identity/golden/" + golden).getBody().at("/links")).hasSize(1);
    }

    @Test
    void aRecordBridgingTwoGoldenCustomersMergesThemAndTheAbsorbedIdStillResolves() {
        String email = Customers.uniqueEmail("chen.jie");
        String mobile = Customers.uniqueMobile();
        var byEmail = Customers.customer("shop", "S-" + UUID.randomUUID()).name("陈杰").email(email);
        var byPhone = Customers.customer("oa", "C-" + UUID.randomUUID()).name("陈杰").phone(mobile);
        var both = Customers.customer("erp", "E-" + UUID.randomUUID()).name("陈杰").email(email).phone(mobile);
        store.apply(byEmail.event());
        store.apply(byPhone.event());
        UUID first = goldenOf(byEmail.ref());
        UUID second = goldenOf(byPhone.ref());
        assertThat(first).isNotEqualTo(second);

        store.apply(both.event());
        assertThat(goldenOf(both.ref())).isEqualTo(first);
        assertThat(goldenOf(byPhone.ref())).isEqualTo(first);
        JsonNode absorbed = get("/api/v1/identity/golden/" + second).getBody();
        assertThat(absorbed.at("/status").asText()).isEqualTo("MERGED");
        assertThat(absorbed.at("/mergedInto").asText()).isEqualTo(first.toString());
        assertThat(kinds(first)).contains("MERGED");
    }

    @Test
    void aChangedRecordThatNoLongerMatchesMovesToItsOwnGoldenCustomer() {
        String email = Customers.uniqueEmail("zhao.lei");
        var erp = Customers.customer("erp", "E-" + UUID.randomUUID()).name("赵磊").email(email);
        var shop = Customers.customer("shop", "S-" + UUID.randomUUID()).name("赵磊").email(email);
        store.apply(erp.event());
        store.apply(shop.event());
        UUID golden = goldenOf(erp.ref());

        store.apply(shop.name("Müller GmbH Kunde").email(Customers.uniqueEmail("other")).event());
        assertThat(goldenOf(shop.ref())).isNotEqualTo(golden);
        assertThat(goldenOf(erp.ref())).isEqualTo(golden);
        assertThat(crm.queryForList("SELECT kind FROM identity_decision WHERE source_key = ? ORDER BY id",
                String.class, shop.ref().key())).endsWith("RELINKED");
    }

    @Test
    void everyDecisionReachesTheIdentityTopicKeyedByGoldenId() {
        var a = Customers.customer("erp", "E-" + UUID.randomUUID()).name("孙丽").email(Customers.uniqueEmail("sun"));
        store.apply(a.event());
        String golden = goldenOf(a.ref()).toString();

        var records = TopicReader.readUntil(kafka.brokers(), kafka.topics().identity(),
                read -> read.stream().anyMatch(r -> golden.equals(r.key())), Duration.ofSeconds(60));
        JsonNode event = records.stream().filter(r -> golden.equals(r.key())).map(r -> json(r.value()))
                .findFirst().orElseThrow();
        assertThat(event.at("/kind").asText()).isEqualTo("CREATED");
        assertThat(event.at("/source/key").asText()).isEqualTo(a.ref().key());
        assertThat(event.at("/actor").asText()).isEqualTo("hub");
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_decision WHERE golden_id = ? "
                + "AND id NOT IN (SELECT id FROM identity_decision_pending)", Long.class, UUID.fromString(golden)))
                .isEqualTo(1);
    }

    @Test
    void decisionsKafkaDidNotAcknowledgeStayPendingAndGoOutWithTheNextRound() throws Exception {
        // the hub's own publisher would race this test for the outbox: paused, then resumed whatever happens
        camel.getRouteController().stopRoute("identity-events-publish");
        try {
            var a = Customers.customer("erp", "E-" + UUID.randomUUID()).name("钱芳").email(Customers.uniqueEmail("qf"));
            store.apply(a.event());
            UUID golden = goldenOf(a.ref());
            try (CamelContext unreachable = new DefaultCamelContext()) {
                KafkaComponent nowhere = new KafkaComponent();
                nowhere.getConfiguration().setBrokers("127.0.0.1:9"); // discard port: nothing ever answers
                nowhere.getConfiguration().setMaxBlockMs(1_000);
                unreachable.addComponent("kafka", nowhere);
                unreachable.start();
                IdentityOutbox failing = new IdentityOutbox(jdbc, tx, unreachable.createProducerTemplate(),
                        kafka.topics().identity(), identity);
                assertThatThrownBy(failing::publishBatch)
                        .isInstanceOf(IdentityOutbox.IdentityPublishException.class);
            }
            assertThat(crm.queryForObject("SELECT count(*) FROM identity_decision WHERE golden_id = ? "
                    + "AND id IN (SELECT id FROM identity_decision_pending)", Long.class, golden)).isEqualTo(1);

            assertThat(outbox.publishPending()).isPositive();
            assertThat(crm.queryForObject("SELECT count(*) FROM identity_decision WHERE golden_id = ? "
                    + "AND id NOT IN (SELECT id FROM identity_decision_pending)", Long.class, golden)).isEqualTo(1);
            var records = TopicReader.readUntil(kafka.brokers(), kafka.topics().identity(),
                    read -> read.stream().anyMatch(r -> golden.toString().equals(r.key())), Duration.ofSeconds(60));
            assertThat(records.stream().filter(r -> golden.toString().equals(r.key())).map(r -> json(r.value()))
                    .map(e -> e.at("/kind").asText())).containsExactly("CREATED");
        } finally {
            camel.getRouteController().startRoute("identity-events-publish");
        }
    }

    @Test
    void aPendingIdWhoseDecisionIsGoneDoesNotHoldUpTheOutbox() throws Exception {
        camel.getRouteController().stopRoute("identity-events-publish");
        try {
            // an operator deleted a decision that was still waiting: its id comes first in the queue, with no row
            crm.update("INSERT INTO identity_decision_pending (id) VALUES (0)");
            var a = Customers.customer("erp", "E-" + UUID.randomUUID()).name("周敏").email(Customers.uniqueEmail("zm"));
            store.apply(a.event());
            UUID golden = goldenOf(a.ref());

            assertThat(outbox.publishPending()).isPositive();
            assertThat(crm.queryForObject("SELECT count(*) FROM identity_decision_pending WHERE id = 0", Long.class))
                    .isZero();
            assertThat(crm.queryForObject("SELECT count(*) FROM identity_decision WHERE golden_id = ? "
                    + "AND id NOT IN (SELECT id FROM identity_decision_pending)", Long.class, golden)).isEqualTo(1);
            var records = TopicReader.readUntil(kafka.brokers(), kafka.topics().identity(),
                    read -> read.stream().anyMatch(r -> golden.toString().equals(r.key())), Duration.ofSeconds(60));
            assertThat(records.stream().filter(r -> golden.toString().equals(r.key()))).hasSize(1);
        } finally {
            camel.getRouteController().startRoute("identity-events-publish");
        }
    }

    @Test
    void requestsThatCannotBeCarriedOutGetASpecificProblem() {
        ResponseEntity<JsonNode> missing = get("/api/v1/identity/golden/" + UUID.randomUUID());
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(missing.getBody().at("/type").asText()).endsWith("identity-not-found");

        var alone = Customers.customer("erp", "E-" + UUID.randomUUID()).name("周敏").email(Customers.uniqueEmail("z"));
        store.apply(alone.event());
        ResponseEntity<JsonNode> everything = post("/api/v1/identity/golden/" + goldenOf(alone.ref()) + "/unmerge",
                Map.of("records", List.of(Map.of("system", "erp", "entity", "customers", "key", alone.ref().key()))));
        assertThat(everything.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(everything.getBody().at("/detail").asText()).contains("at least one must stay");

        ResponseEntity<JsonNode> empty = post("/api/v1/identity/golden/" + goldenOf(alone.ref()) + "/unmerge",
                Map.of("records", List.of()));
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody().toString()).contains("records");
    }

    @Test
    void reevaluationUnderChangedRulesSplitsOffWhatNoLongerMatchesAndKeepsTheId() {
        var kept = Customers.customer("erp", "E-" + UUID.randomUUID()).name("郭靖").email(Customers.uniqueEmail("g"));
        var stray = Customers.customer("shop", "S-" + UUID.randomUUID()).name("Huang Rong")
                .email(Customers.uniqueEmail("h"));
        store.apply(kept.event());
        store.apply(stray.event());
        UUID golden = goldenOf(kept.ref());
        // As an older rules version left it: the two linked, by a rule that no longer holds.
        crm.update("UPDATE identity_link SET golden_id = ?, rule = 'score', rules_version = 0 WHERE source_key = ?",
                golden, stray.ref().key());
        crm.update("UPDATE identity_link SET rules_version = 0 WHERE source_key = ?", kept.ref().key());

        ResponseEntity<JsonNode> result = post("/api/v1/identity/reevaluate?limit=1000", null);
        assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(goldenOf(kept.ref())).isEqualTo(golden);
        assertThat(goldenOf(stray.ref())).isNotEqualTo(golden);
        assertThat(crm.queryForObject("SELECT actor FROM identity_decision WHERE golden_id = ? AND kind = 'UNMERGED'",
                String.class, golden)).startsWith("rules-v");
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_link WHERE rules_version = 0", Long.class))
                .isZero();
    }

    @Test
    void customersStoredBeforeIdentityResolutionAreLinkedByTheCatchUp() {
        var old = Customers.customer("erp", "E-" + UUID.randomUUID()).name("黄蓉").email(Customers.uniqueEmail("r"));
        store.apply(old.event());
        crm.update("DELETE FROM identity_key WHERE source_key = ?", old.ref().key());
        crm.update("DELETE FROM identity_link WHERE source_key = ?", old.ref().key());

        ResponseEntity<JsonNode> result = post("/api/v1/identity/resolve-unlinked?limit=100000", null);
        assertThat(result.getBody().at("/resolved").asInt()).isPositive();
        assertThat(goldenOf(old.ref())).isNotNull();
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_key WHERE source_key = ?", Long.class,
                old.ref().key())).isPositive();
    }

    private UUID goldenOf(EntityRef ref) {
        return crm.queryForObject("SELECT golden_id FROM identity_link WHERE source_system = ? AND source_entity = ? "
                + "AND source_key = ?", UUID.class, ref.system(), ref.entity(), ref.key());
    }

    private List<String> kinds(UUID golden) {
        return crm.queryForList("SELECT kind FROM identity_decision WHERE golden_id = ? ORDER BY id", String.class,
                golden);
    }

    /** As a data steward: the identity API needs the identity:admin scope. */
    private ResponseEntity<JsonNode> get(String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(steward()), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, steward()), JsonNode.class);
    }

    private static HttpHeaders steward() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TestPartners.HEADER, TestPartners.STEWARD);
        return headers;
    }

    @Test
    void withoutTheStewardScopeTheIdentityApiIsClosed() {
        assertThat(http.getForEntity("/api/v1/identity/reviews", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        HttpHeaders reader = new HttpHeaders();
        reader.set(TestPartners.HEADER, TestPartners.READER);
        assertThat(http.exchange("/api/v1/identity/reviews", HttpMethod.GET, new HttpEntity<>(reader), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static JsonNode json(String value) {
        try {
            return CanonicalJson.mapper().readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
