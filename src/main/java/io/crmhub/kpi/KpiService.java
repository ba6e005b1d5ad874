package io.crmhub.kpi;

import io.crmhub.kpi.Period.Granularity;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The CRM indicators (docs/kpis.md) for a range of periods, a segment, a grade or one golden customer. */
@Service
public class KpiService {

    static final Set<String> SEGMENTS = Set.of("champions", "loyal", "new", "at-risk", "hibernating",
            "needs-attention");
    private static final int MAX_PERIODS = 400;

    private final KpiQueries queries;
    private final KpiScores scores;
    private final KpiProperties properties;
    private final JdbcTemplate jdbc;

    KpiService(KpiQueries queries, KpiScores scores, KpiProperties properties, JdbcTemplate jdbc) {
        this.queries = queries;
        this.scores = scores;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    public KpiReport report(LocalDate from, LocalDate to, String granularity, LocalDate asOf, String segment,
                            String grade, UUID goldenId) {
        if (from.isAfter(to)) {
            throw new KpiRequestException("from (" + from + ") is after to (" + to + ")", false);
        }
        Granularity g = granularity(granularity);
        LocalDate at = asOf == null ? to : asOf;
        UUID golden = goldenId == null ? null : survivor(goldenId);
        List<UUID> customers = customers(at, segment, grade, golden);
        List<PeriodKpis> periods = queries.periods(Period.covering(from, to, g, MAX_PERIODS), g, at, customers);
        return new KpiReport(from, to, g.name().toLowerCase(Locale.ROOT), properties.baseCurrency(), at, segment,
                grade, golden, periods);
    }

    /** The current month, for the Prometheus gauges. */
    PeriodKpis currentMonth(LocalDate today) {
        Period p = Period.of(Granularity.MONTH, Granularity.MONTH.startOf(today));
        return queries.periods(List.of(p), Granularity.MONTH, today, null).get(0);
    }

    public CustomerKpis customer(UUID goldenId, LocalDate asOf) {
        UUID golden = survivor(goldenId);
        LocalDate at = asOf == null ? LocalDate.now(properties.zone()) : asOf;
        return scores.customer(golden, at);
    }

    private List<UUID> customers(LocalDate asOf, String segment, String grade, UUID golden) {
        if (golden != null) {
            return List.of(golden);
        }
        if (segment == null && grade == null) {
            return null;
        }
        if (segment != null && !SEGMENTS.contains(segment)) {
            throw new KpiRequestException("segment must be one of " + SEGMENTS.stream().sorted().toList()
                    + ", not '" + segment + "'", false);
        }
        if (grade != null && !Set.of("A", "B", "C").contains(grade)) {
            throw new KpiRequestException("grade must be A, B or C, not '" + grade + "'", false);
        }
        return queries.customers(asOf).stream()
                .filter(c -> segment == null || segment.equals(c.segment()))
                .filter(c -> grade == null || grade.equals(c.grade()))
                .map(CustomerKpis::goldenId).collect(Collectors.toList());
    }

    private UUID survivor(UUID goldenId) {
        return jdbc.query("SELECT coalesce(merged_into, golden_id) FROM golden_customer WHERE golden_id = ?",
                (rs, n) -> UUID.fromString(rs.getString(1)), goldenId).stream().findFirst()
                .orElseThrow(() -> new KpiRequestException("no golden customer " + goldenId, true));
    }

    private static Granularity granularity(String value) {
        try {
            return Granularity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new KpiRequestException("granularity must be day, week, month, quarter or year, not '" + value
                    + "'", false);
        }
    }
}
