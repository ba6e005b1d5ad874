package io.crmhub.kpi;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One golden customer's value figures as of a date: lifetime revenue and won orders, RFM inputs and scores,
 * segment and ABC grade (docs/kpis.md); the scores are null for a customer without a won order.
 */
public record CustomerKpis(UUID goldenId, LocalDate asOf, double revenue, long orders, Long recencyDays,
                           Long frequency, Double monetary, Integer r, Integer f, Integer m, String segment,
                           String grade) {

    /** A golden customer without a won order up to the date: nothing to score. */
    static CustomerKpis none(UUID goldenId, LocalDate asOf) {
        return new CustomerKpis(goldenId, asOf, 0, 0, null, null, null, null, null, null, null, null);
    }

    /** The first segment whose rule holds. */
    static String segment(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) {
            return "champions";
        }
        if (f >= 4) {
            return "loyal";
        }
        if (r >= 4 && f == 1) {
            return "new";
        }
        if (r <= 2 && f >= 3) {
            return "at-risk";
        }
        if (r <= 2) {
            return "hibernating";
        }
        return "needs-attention";
    }
}
