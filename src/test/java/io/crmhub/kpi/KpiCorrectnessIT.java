package io.crmhub.kpi;

import static io.crmhub.canonical.Customer.LifecycleStatus.CUSTOMER;
import static io.crmhub.canonical.Customer.LifecycleStatus.LEAD;
import static io.crmhub.kpi.KpiAssert.value;
import static io.crmhub.kpi.KpiFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.Interaction.Kind;
import io.crmhub.canonical.Order.OrderStatus;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.kpi.CustomerExpectations.CustomerKpi;
import io.crmhub.store.CanonicalStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Every indicator of docs/kpis.md as served by {@code GET /api/v1/kpis} equals the same formula computed
 * independently with plain SQL over the record tables the store wrote, for a seeded 2041–2042 data set applied
 * through the real store — by month, quarter and week, per customer (RFM, segment, grade), with filters, and
 * again after a merge and an unmerge (restatement); then the edge cases, each its own test.
 * Indicators are store-wide, so sources that write on their own (ERP CDC, SCM) are off for this class.
 */
@HubIntegrationTest
@TestPropertySource(properties = {"hub.connectors.erp.enabled=false", "hub.simulator.erp.enabled=false",
    "hub.connectors.scm.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KpiCorrectnessIT {

    static final LocalDate AS_OF = KpiDataSet.LAST;
    static final Periods MONTHS = Periods.of("month", KpiDataSet.FIRST, KpiDataSet.LAST);
    static final Periods QUARTERS = Periods.of("quarter", KpiDataSet.FIRST, KpiDataSet.LAST);
    /** Ten ISO weeks across the year end: 2041-W48 … 2041-W52, 2042-W01 (starting Monday 2041-12-30) … 2042-W05. */
    static final Periods WEEKS = Periods.of("week", LocalDate.of(2041, 11, 25), LocalDate.of(2042, 2, 2));

    @Autowired
    CanonicalStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    KpiFixtures fixtures;
    KpiDataSet data;
    KpiCheck check;
    AggregateCheck aggregates;

    @BeforeAll
    void applyTheDataSet() {
        fixtures = new KpiFixtures(store, jdbc);
        data = KpiDataSet.generate(fixtures, 20_410_101L, 40);
        check = new KpiCheck(jdbc, new KpiApi(http));
        aggregates = new AggregateCheck(jdbc);
    }

    @Test
    @Order(1)
    void everyIndicatorMatchesPlainSqlByMonthQuarterAndWeekAndEveryCustomerByRfmAndGrade() {
        Set<UUID> goldens = goldens();
        assertThat(goldens).as("one golden customer per person: twins linked by e-mail, nobody else merged")
                .hasSize(data.people.size());
        aggregates.aggregatesEqualFacts("after the data set");
        Map<String, Map<String, BigDecimal>> months = check.periodsMatch(MONTHS, null, "");
        check.periodsMatch(QUARTERS, null, "");
        check.periodsMatch(WEEKS, null, "");
        check.customersMatch(goldens, AS_OF);

        // the data set exercises what it claims to, so a matching answer means something
        assertThat(sum(months, "newLeads")).isPositive();
        assertThat(sum(months, "unconvertedRecords")).isPositive();
        assertThat(sum(months, "overdueEscalations")).isPositive();
        assertThat(months.values()).anySatisfy(v -> assertThat(v.get("retentionRate")).isStrictlyBetween(
                BigDecimal.ZERO, BigDecimal.ONE));
        assertThat(months.values()).anySatisfy(v -> assertThat(v.get("expectedLifespanYears")).isNotNull());
        assertThat(months.values()).anySatisfy(v -> assertThat(v.get("salesCycleDays")).isNotNull());
        assertThat(months.values()).anySatisfy(v -> assertThat(v.get("csatSatisfiedShare")).isNotNull());
    }

    @Test
    @Order(2)
    void goldenIdGradeSegmentAndAsOfRestrictWhatIsCounted() {
        UUID twinPerson = fixtures.goldenOf(data.people.get(1).records().get(0));
        check.periodsMatch(MONTHS, List.of(twinPerson), "&goldenId=" + twinPerson);

        Map<UUID, CustomerKpi> scored = new CustomerExpectations(jdbc).asOf(AS_OF);
        check.periodsMatch(QUARTERS, having(scored, c -> "B".equals(c.grade())), "&grade=B");
        String segment = scored.get(goldens().stream().max((a, b) -> Long.compare(orders(scored, a), orders(scored, b)))
                .orElseThrow()).segment();
        check.periodsMatch(QUARTERS, having(scored, c -> segment.equals(c.segment())), "&segment=" + segment);
        // asOf earlier than to: leads convert only by orders up to asOf
        check.periodsMatch(MONTHS, null, "", LocalDate.of(2042, 6, 30));
    }

    /**
     * X (older, small) bought in May and July, Y (far the largest customer) in June and July. Merged, one
     * customer buys in May, June and July: July has one buyer fewer and a repeat buyer, June retains May's
     * buyer, the average CLV is over one customer fewer, and X's grade becomes A. Unmerged, all of it reverts.
     */
    @Test
    @Order(3)
    void aMergeAndAnUnmergeRestateEveryIndicatorAtOnce() {
        EntityRef x = fixtures.customer("erp", "merge-x", CUSTOMER, ChangeOp.CREATE, at("2042-04-01T09:00:00"));
        EntityRef y = fixtures.customer("shop", "merge-y", CUSTOMER, ChangeOp.CREATE, at("2042-04-02T09:00:00"));
        won(x, "2042-05-10", "500.00");
        won(x, "2042-07-03", "300.00");
        won(y, "2042-07-20", "400.00");
        BigDecimal everybody = new CustomerExpectations(jdbc).asOf(AS_OF).values().stream()
                .map(CustomerKpi::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        won(y, "2042-06-12", everybody.multiply(BigDecimal.valueOf(5)).setScale(2, RoundingMode.UP).toPlainString());
        UUID gx = fixtures.goldenOf(x);
        UUID gy = fixtures.goldenOf(y);
        assertThat(gx).isNotEqualTo(gy);
        Set<UUID> mine = goldens();
        mine.addAll(List.of(gx, gy));

        aggregates.aggregatesEqualFacts("before the merge");
        Map<String, Map<String, BigDecimal>> before = check.periodsMatch(MONTHS, null, "");
        Map<UUID, CustomerKpi> scoredBefore = check.customersMatch(mine, AS_OF);
        assertThat(scoredBefore.get(gx).grade()).isNotEqualTo("A");

        UUID merged = check.api().merge(gx, gy);
        assertThat(merged).as("merged into the oldest").isEqualTo(gx);
        assertThat(fixtures.goldenOf(y)).isEqualTo(gx);
        mine.remove(gy);
        aggregates.aggregatesEqualFacts("after the merge");
        Map<String, Map<String, BigDecimal>> after = check.periodsMatch(MONTHS, null, "");
        Map<UUID, CustomerKpi> scoredAfter = check.customersMatch(mine, AS_OF);
        assertThat(after.get("2042-07").get("buyers")).isEqualByComparingTo(
                before.get("2042-07").get("buyers").subtract(BigDecimal.ONE));
        assertThat(after.get("2042-07").get("repeatPurchaseRate"))
                .isNotEqualByComparingTo(before.get("2042-07").get("repeatPurchaseRate"));
        assertThat(after.get("2042-06").get("retentionRate"))
                .isGreaterThan(before.get("2042-06").get("retentionRate"));
        assertThat(after.get("2042-07").get("clvHistorical")).isGreaterThan(before.get("2042-07").get("clvHistorical"));
        assertThat(scoredAfter.get(gx).grade()).isEqualTo("A");

        UUID splitOff = check.api().unmerge(gx, y);
        assertThat(fixtures.goldenOf(y)).isEqualTo(splitOff).isNotEqualTo(gx);
        mine.add(splitOff);
        aggregates.aggregatesEqualFacts("after the unmerge");
        Map<String, Map<String, BigDecimal>> restored = check.periodsMatch(MONTHS, null, "");
        check.customersMatch(mine, AS_OF);
        for (String period : List.of("2042-06", "2042-07")) {
            for (String name : List.of("buyers", "repeatPurchaseRate", "retentionRate", "clvHistorical")) {
                assertThat(restored.get(period).get(name)).as("%s %s after the unmerge", period, name)
                        .isEqualByComparingTo(before.get(period).get(name));
            }
        }
    }

    @Test
    @Order(4)
    void anEmptyPeriodHasNoRatesAndZeroCounts() {
        Periods empty = Periods.of("month", LocalDate.of(2045, 1, 1), LocalDate.of(2045, 3, 31));
        check.periodsMatch(empty, null, "");
        check.periodsMatch(Periods.of("day", LocalDate.of(2045, 2, 10), LocalDate.of(2045, 2, 12)), null, "");
        JsonNode served = check.api().kpis(empty.query());
        for (Periods.Period p : empty.list()) {
            for (String count : List.of("revenue", "orders", "buyers", "activeCustomers", "newLeads", "complaints",
                    "collected", "unconvertedRecords")) {
                assertThat(value(served, p.label(), count)).as("%s %s", p.label(), count)
                        .isEqualByComparingTo(BigDecimal.ZERO);
            }
            for (String rate : List.of("retentionRate", "churnRate", "repeatPurchaseRate", "leadConversionRate",
                    "salesCycleDays", "averageOrderValue", "purchaseFrequency", "expectedLifespanYears",
                    "clvPredictive", "complaintRate", "averageResolutionHours", "csatAverage", "csatSatisfiedShare",
                    "salesGrowth", "collectionRate", "dso")) {
                assertThat(value(served, p.label(), rate)).as("%s %s", p.label(), rate).isNull();
            }
        }
    }

    /** Refunds are negative payments; with no order there is no revenue, no rate and no RFM score. */
    @Test
    @Order(5)
    void aCustomerWithOnlyRefundsCollectsNegativeAmountsAndHasNoRevenueRatesOrScores() {
        UUID g = fixtures.goldenOf(data.onlyRefunds);
        check.periodsMatch(MONTHS, List.of(g), "&goldenId=" + g);
        check.customersMatch(List.of(g), AS_OF);
        JsonNode served = check.api().kpis(MONTHS.query() + "&goldenId=" + g);
        assertThat(value(served, "2041-08", "collected")).isEqualByComparingTo("-350.00");
        assertThat(value(served, "2041-08", "revenue")).isEqualByComparingTo("0");
        assertThat(value(served, "2041-08", "buyers")).isEqualByComparingTo("0");
        assertThat(value(served, "2041-08", "collectionRate")).isNull();
        assertThat(value(served, "2041-08", "dso")).isNull();
        // literally max(0, 0 ordered − (−350) paid): money owed back to the customer shows as receivable
        assertThat(value(served, "2041-08", "receivables")).isEqualByComparingTo("350.00");
        assertThat(value(served, "2042-02", "collected")).isEqualByComparingTo("-120.50");
        JsonNode customer = check.api().customer(g, AS_OF);
        assertThat(customer.path("revenue").decimalValue()).isEqualByComparingTo("0");
        assertThat(customer.path("orders").asInt()).isZero();
        assertThat(customer.path("segment").isNull()).as("no segment without a won order").isTrue();
        assertThat(customer.path("grade").isNull()).as("no grade without a won order").isTrue();
    }

    /** A payment that arrives before its order lowers receivables to 0, never below; the order counts when dated. */
    @Test
    @Order(6)
    void paymentsBeforeTheirOrdersNeverMakeReceivablesNegative() {
        EntityRef c = fixtures.customer("erp", "prepay", CUSTOMER, ChangeOp.CREATE, at("2041-09-01T09:00:00"));
        EntityRef first = new EntityRef("erp", "orders", fixtures.uniqueKey("prepaid"));
        EntityRef second = new EntityRef("erp", "orders", fixtures.uniqueKey("prepaid"));
        fixtures.payment(c, first, "1000.00", "CNY", at("2041-09-20T12:00:00"), ChangeOp.CREATE, at("2041-09-20T12:00:00"));
        fixtures.orderChange(first, c, LocalDate.parse("2041-10-05"), OrderStatus.CONFIRMED, "CNY", "1000.00",
                at("2041-10-05T10:00:00"));
        // 00:30 in Shanghai is still October 31st in UTC: the payment belongs to November
        fixtures.payment(c, second, "300.00", "CNY", at("2041-11-01T00:30:00"), ChangeOp.CREATE, at("2041-11-01T00:30:00"));
        fixtures.orderChange(second, c, LocalDate.parse("2041-11-10"), OrderStatus.SHIPPED, "CNY", "800.00",
                at("2041-11-10T10:00:00"));
        fixtures.payment(c, second, "500.00", "CNY", at("2041-12-15T10:00:00"), ChangeOp.CREATE, at("2041-12-15T10:00:00"));
        UUID g = fixtures.goldenOf(c);
        Periods autumn = Periods.of("month", LocalDate.of(2041, 9, 1), LocalDate.of(2041, 12, 31));
        check.periodsMatch(autumn, List.of(g), "&goldenId=" + g);

        JsonNode served = check.api().kpis(autumn.query() + "&goldenId=" + g);
        expect(served, "2041-09", Map.of("revenue", "0", "collected", "1000", "receivables", "0"));
        assertThat(value(served, "2041-09", "collectionRate")).isNull();
        expect(served, "2041-10", Map.of("revenue", "1000", "collected", "0", "collectionRate", "0",
                "receivables", "0", "dso", "0"));
        expect(served, "2041-11", Map.of("revenue", "800", "collected", "300", "collectionRate", "0.375",
                "receivables", "500", "dso", "18.75"));
        expect(served, "2041-12", Map.of("revenue", "0", "collected", "500", "receivables", "0"));
    }

    /**
     * The rule: USD, EUR and HKD are converted at the configured rates; JPY has no rate, so a won JPY order
     * or a JPY payment adds nothing to any money figure and is counted in unconvertedRecords — but a won JPY
     * order is still a won order (orders, buyers, frequencies count it). A JPY draft is not counted: drafts are
     * out of money figures whatever their currency.
     */
    @Test
    @Order(7)
    void otherCurrenciesAreConvertedAndOnesWithoutARateAreLeftOutAndCounted() {
        EntityRef c = fixtures.customer("shop", "fx", CUSTOMER, ChangeOp.CREATE, at("2042-08-01T09:00:00"));
        LocalDate day = LocalDate.parse("2042-08-12");
        Instant t = at("2042-08-12T10:00:00");
        fixtures.order(c, day, OrderStatus.CONFIRMED, "USD", "100.00", ChangeOp.CREATE, t);
        fixtures.order(c, day, OrderStatus.SHIPPED, "EUR", "200.00", ChangeOp.CREATE, t);
        fixtures.order(c, day, OrderStatus.COMPLETED, "HKD", "1000.00", ChangeOp.CREATE, t);
        fixtures.order(c, day, OrderStatus.CONFIRMED, "JPY", "10000", ChangeOp.CREATE, t);
        fixtures.order(c, day, OrderStatus.CONFIRMED, "CNY", "50.00", ChangeOp.CREATE, t);
        fixtures.order(c, day, OrderStatus.DRAFT, "JPY", "5000", ChangeOp.CREATE, t);
        fixtures.payment(c, null, "50.00", "USD", at("2042-08-20T10:00:00"), ChangeOp.CREATE, at("2042-08-20T10:00:00"));
        fixtures.payment(c, null, "3000", "JPY", at("2042-08-21T10:00:00"), ChangeOp.CREATE, at("2042-08-21T10:00:00"));
        UUID g = fixtures.goldenOf(c);
        Periods august = Periods.of("month", LocalDate.of(2042, 8, 1), LocalDate.of(2042, 8, 31));
        check.periodsMatch(august, List.of(g), "&goldenId=" + g);
        check.customersMatch(List.of(g), august.to());

        JsonNode served = check.api().kpis(august.query() + "&goldenId=" + g);
        // 100 × 7.10 + 200 × 7.75 + 1000 × 0.91 + 50 = 3220; 50 USD × 7.10 = 355
        expect(served, "2042-08", Map.of("revenue", "3220", "orders", "5", "buyers", "1", "collected", "355",
                "unconvertedRecords", "2"));
        assertThat(check.api().customer(g, august.to()).path("revenue").decimalValue()).isEqualByComparingTo("3220");
    }

    /**
     * Backfill is history: a snapshot (op READ) that ran in September 2042 brings an order, a payment and a
     * complaint of March 2041, which count in March 2041; the status it first saw is a starting state, not a new
     * lead. A lead created the same day for real counts once.
     */
    @Test
    @Order(8)
    void backfilledFactsCountInTheirBusinessPeriodAndASnapshotStatusIsNoNewLead() {
        Instant snapshot = at("2042-09-15T02:00:00");
        EntityRef s = fixtures.customer("erp", "backfill", LEAD, ChangeOp.READ, snapshot);
        fixtures.order(s, LocalDate.parse("2041-03-10"), OrderStatus.COMPLETED, "CNY", "2000.00", ChangeOp.READ, snapshot);
        fixtures.payment(s, null, "1500.00", "CNY", at("2041-03-20T15:00:00"), ChangeOp.READ, snapshot);
        fixtures.interaction(s, Kind.COMPLAINT, at("2041-03-12T09:00:00"), null, at("2041-03-14T09:00:00"), null,
                null, ChangeOp.READ, snapshot);
        EntityRef fresh = fixtures.customer("shop", "fresh-lead", LEAD, ChangeOp.CREATE, at("2042-09-15T05:00:00"));
        UUID gs = fixtures.goldenOf(s);
        UUID gf = fixtures.goldenOf(fresh);
        check.periodsMatch(MONTHS, List.of(gs), "&goldenId=" + gs);
        check.periodsMatch(MONTHS, List.of(gf), "&goldenId=" + gf);

        JsonNode served = check.api().kpis(MONTHS.query() + "&goldenId=" + gs);
        expect(served, "2041-03", Map.of("revenue", "2000", "orders", "1", "collected", "1500", "complaints", "1",
                "averageResolutionHours", "48"));
        expect(served, "2042-09", Map.of("revenue", "0", "collected", "0", "complaints", "0", "newLeads", "0"));
        for (Periods.Period p : MONTHS.list()) {
            assertThat(value(served, p.label(), "newLeads")).as("%s new leads", p.label()).isEqualByComparingTo("0");
        }
        JsonNode lead = check.api().kpis(MONTHS.query() + "&goldenId=" + gf);
        assertThat(value(lead, "2042-09", "newLeads")).isEqualByComparingTo("1");
    }

    /** Whatever the tests above changed (merges, backfill, prepayments, currencies), the upkeep kept up. */
    @Test
    @Order(9)
    void theAggregatesStillEqualTheFactsAfterEveryChangeAbove() {
        aggregates.aggregatesEqualFacts("after every test");
    }

    private static void expect(JsonNode served, String period, Map<String, String> values) {
        values.forEach((name, v) -> assertThat(value(served, period, name)).as("%s %s", period, name)
                .isNotNull().isEqualByComparingTo(v));
    }

    private void won(EntityRef customer, String day, String total) {
        LocalDate d = LocalDate.parse(day);
        fixtures.order(customer, d, OrderStatus.CONFIRMED, "CNY", total, ChangeOp.CREATE, at(day + "T11:00:00"));
    }

    private Set<UUID> goldens() {
        return data.people.stream().map(p -> fixtures.goldenOf(p.records().get(0)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Collection<UUID> having(Map<UUID, CustomerKpi> scored,
                                           java.util.function.Predicate<CustomerKpi> test) {
        return scored.entrySet().stream().filter(e -> test.test(e.getValue())).map(Map.Entry::getKey).toList();
    }

    private static long orders(Map<UUID, CustomerKpi> scored, UUID id) {
        CustomerKpi c = scored.get(id);
        return c == null ? -1 : c.orders();
    }

    private static BigDecimal sum(Map<String, Map<String, BigDecimal>> periods, String name) {
        return periods.values().stream().map(v -> v.get(name)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
