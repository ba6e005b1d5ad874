package io.crmhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seeded history looks like a business quarter by quarter, whatever day the demo is started on (the figures the
 * KPI service will show, computed here straight from the rows): revenue in every quarter, collected after it was
 * earned (about what was earned the quarter before), most buyers coming back.
 */
class ErpHistoryTest {

    private static final Map<String, Double> RATES = Map.of("CNY", 1.0, "USD", 7.10, "EUR", 7.75);

    @ParameterizedTest(name = "seeded on {0}")
    @ValueSource(strings = {"2026-12-03", "2027-01-02", "2027-02-14", "2027-03-31", "2027-04-20", "2027-05-09",
        "2027-06-27", "2027-07-08", "2027-08-19", "2027-09-30", "2027-10-01", "2027-11-11"})
    void everyFullQuarterHasRevenueCollectionsBelowItAndReturningBuyers(String seededOn) {
        LocalDate today = LocalDate.parse(seededOn);
        ErpDataGenerator gen = new ErpDataGenerator(ErpSimulator.HISTORY_SEED);
        Map<Long, String> customers = new LinkedHashMap<>();
        for (long id = 1; id <= 200; id++) {
            customers.put(id, (String) gen.customer(id).get("status"));
        }
        List<ErpHistory.Order> orders = new ErpHistory(gen, ErpSimulator.HISTORY_SEED, today, ErpHistory.DAYS)
                .orders(customers, 1200);

        Map<String, Double> revenue = new TreeMap<>();
        Map<String, Double> collected = new TreeMap<>();
        Map<String, Set<Long>> buyers = new HashMap<>();
        for (ErpHistory.Order o : orders) {
            if (o.header() == null) {
                o.payments().forEach(p -> collected.merge(quarter(paidOn((String) p.get("paid_at"))),
                        amount((String) p.get("amount")) * RATES.get((String) p.get("currency")), Double::sum));
                continue;
            }
            LocalDate day = (LocalDate) o.header().get("order_date");
            String status = (String) o.header().get("status");
            double rate = RATES.get((String) o.header().get("currency"));
            assertThat(day).isBetween(today.minusDays(ErpHistory.DAYS), today);
            if (!status.equals("DRAFT") && !status.equals("VOID")) {
                revenue.merge(quarter(day), ((BigDecimal) o.header().get("total_amount")).doubleValue() * rate,
                        Double::sum);
                buyers.computeIfAbsent(quarter(day), q -> new HashSet<>()).add((Long) o.header().get("customer_id"));
            }
            for (Map<String, Object> p : o.payments()) {
                LocalDate paid = paidOn((String) p.get("paid_at"));
                assertThat(paid).isAfter(day).isBeforeOrEqualTo(today);
                collected.merge(quarter(paid), amount((String) p.get("amount")) * rate, Double::sum);
            }
        }
        assertThat(orders.size()).isBetween(1000, 1500);
        // the first quarter is partly before the history, the last one still running
        List<String> full = revenue.keySet().stream().filter(q -> !q.equals(quarter(today))).skip(1).toList();
        assertThat(full).hasSizeGreaterThanOrEqualTo(6);
        String previous = null;
        for (String q : full) {
            double rate = collected.getOrDefault(q, 0.0) / revenue.get(q);
            // a quarter after a stronger one may collect a little more than it sold, as in any business
            assertThat(rate).as("collection rate " + q).isBetween(0.6, 1.1);
            if (previous != null) {
                Set<Long> kept = new HashSet<>(buyers.get(previous));
                kept.retainAll(buyers.get(q));
                double retention = (double) kept.size() / buyers.get(previous).size();
                assertThat(retention).as("retention " + q).isBetween(0.6, 0.97);
            }
            previous = q;
        }
    }

    private static String quarter(LocalDate d) {
        return d.getYear() + "Q" + d.get(IsoFields.QUARTER_OF_YEAR);
    }

    /** The hand-typed forms ErpDataGenerator writes: 2024/6/4, 2024-06-04 13:00, 20240604. */
    private static LocalDate paidOn(String typed) {
        if (typed.contains("/")) {
            String[] p = typed.split("/");
            return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }
        if (typed.contains("-")) {
            return LocalDate.parse(typed.substring(0, 10));
        }
        return LocalDate.parse(typed, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static double amount(String typed) {
        return Double.parseDouble(Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("[^0-9.]", ""));
    }
}
