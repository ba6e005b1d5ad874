package io.crmhub.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.kpi.CustomerExpectations.CustomerKpi;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/**
 * Compares served KPIs with the expected values: every indicator of every period, nulls with nulls, numbers
 * within 1e-6 relative (absolute below 1), field order irrelevant. All differences are reported at once.
 */
final class KpiAssert {

    private static final BigDecimal TOLERANCE = new BigDecimal("1e-6");

    private KpiAssert() {}

    static void periodsMatch(String context, JsonNode body, Periods periods, LocalDate asOf,
                             Map<String, Map<String, BigDecimal>> expected) {
        SoftAssertions soft = new SoftAssertions();
        JsonNode served = body.path("periods");
        soft.assertThat(body.path("from").asText()).as("%s from", context).isEqualTo(periods.from().toString());
        soft.assertThat(body.path("to").asText()).as("%s to", context).isEqualTo(periods.to().toString());
        soft.assertThat(body.path("granularity").asText()).as("%s granularity", context).isEqualTo(periods.granularity());
        soft.assertThat(body.path("baseCurrency").asText()).as("%s baseCurrency", context).isEqualTo("CNY");
        soft.assertThat(body.path("asOf").asText()).as("%s asOf", context).isEqualTo(asOf.toString());
        soft.assertThat(served.size()).as("%s number of periods", context).isEqualTo(periods.list().size());
        for (int i = 0; i < Math.min(served.size(), periods.list().size()); i++) {
            Periods.Period p = periods.list().get(i);
            JsonNode s = served.get(i);
            String where = context + " " + p.label();
            soft.assertThat(s.path("period").asText()).as("%s label", where).isEqualTo(p.label());
            soft.assertThat(s.path("start").asText()).as("%s start", where).isEqualTo(p.start().toString());
            soft.assertThat(s.path("end").asText()).as("%s end (exclusive)", where).isEqualTo(p.end().toString());
            for (String name : KpiExpectations.INDICATORS) {
                same(soft, where + " " + name, s.get(name), expected.get(p.label()).get(name));
            }
        }
        soft.assertAll();
    }

    static void customerMatches(SoftAssertions soft, String context, JsonNode served, CustomerKpi expected) {
        same(soft, context + " revenue", served.get("revenue"), expected.revenue());
        same(soft, context + " orders", served.get("orders"), BigDecimal.valueOf(expected.orders()));
        same(soft, context + " recencyDays", served.get("recencyDays"), big(expected.recencyDays()));
        same(soft, context + " frequency", served.get("frequency"), big(expected.frequency()));
        same(soft, context + " monetary", served.get("monetary"), expected.monetary());
        same(soft, context + " r", served.get("r"), big(expected.r()));
        same(soft, context + " f", served.get("f"), big(expected.f()));
        same(soft, context + " m", served.get("m"), big(expected.m()));
        soft.assertThat(text(served.get("segment"))).as("%s segment", context).isEqualTo(expected.segment());
        soft.assertThat(text(served.get("grade"))).as("%s grade", context).isEqualTo(expected.grade());
    }

    /** The value of one indicator of one period of a served answer; null for JSON null. */
    static BigDecimal value(JsonNode body, String period, String name) {
        for (JsonNode p : body.path("periods")) {
            if (p.path("period").asText().equals(period)) {
                JsonNode v = p.get(name);
                if (v == null) {
                    throw new AssertionError(period + " has no field " + name);
                }
                return v.isNull() ? null : v.decimalValue();
            }
        }
        throw new AssertionError("no period " + period + " in " + body);
    }

    private static void same(SoftAssertions soft, String what, JsonNode served, BigDecimal expected) {
        if (served == null) {
            soft.fail("%s: field missing (expected %s)", what, expected);
        } else if (expected == null) {
            soft.assertThat(served.isNull()).as("%s: expected null, served %s", what, served).isTrue();
        } else if (!served.isNumber()) {
            soft.fail("%s: expected %s, served %s", what, expected.toPlainString(), served);
        } else {
            BigDecimal diff = served.decimalValue().subtract(expected).abs();
            BigDecimal allowed = TOLERANCE.multiply(expected.abs().max(BigDecimal.ONE));
            soft.assertThat(diff.compareTo(allowed) <= 0).as("%s: expected %s, served %s", what,
                    expected.toPlainString(), served).isTrue();
        }
    }

    private static BigDecimal big(Integer i) {
        return i == null ? null : BigDecimal.valueOf(i);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
