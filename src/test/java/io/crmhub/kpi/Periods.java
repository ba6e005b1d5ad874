package io.crmhub.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The periods a KPI query covers, worked out by the test itself from docs/kpis.md: {@code [start, end)} in the KPI
 * zone, ISO weeks starting on Monday, labels {@code 2041-03-05}, {@code 2041-W09}, {@code 2041-03},
 * {@code 2041-Q1}, {@code 2041}. Queries in the tests start and end on period boundaries.
 */
record Periods(String granularity, LocalDate from, LocalDate to, List<Period> list) {

    /** One period and the start of the one before it ({@code P-1} = {@code [previousStart, start)}). */
    record Period(String label, LocalDate previousStart, LocalDate start, LocalDate end) {}

    static Periods of(String granularity, LocalDate from, LocalDate to) {
        List<Period> list = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = next(granularity, start, 1)) {
            list.add(new Period(label(granularity, start), next(granularity, start, -1), start,
                    next(granularity, start, 1)));
        }
        if (granularity.equals("week") && from.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("week queries in these tests start on a Monday");
        }
        return new Periods(granularity, from, to, List.copyOf(list));
    }

    String query() {
        return "from=" + from + "&to=" + to + "&granularity=" + granularity;
    }

    /** {@code (VALUES ('2041-01', DATE '2040-12-01', DATE '2041-01-01', DATE '2041-02-01'), ...)}. */
    String sqlValues() {
        return list.stream().map(p -> "('%s', DATE '%s', DATE '%s', DATE '%s')".formatted(p.label(),
                p.previousStart(), p.start(), p.end())).collect(Collectors.joining(", ", "(VALUES ", ")"));
    }

    private static LocalDate next(String granularity, LocalDate d, int n) {
        return switch (granularity) {
            case "day" -> d.plusDays(n);
            case "week" -> d.plusWeeks(n);
            case "month" -> d.plusMonths(n);
            case "quarter" -> d.plusMonths(3L * n);
            case "year" -> d.plusYears(n);
            default -> throw new IllegalArgumentException(granularity);
        };
    }

    private static String label(String granularity, LocalDate start) {
        return switch (granularity) {
            case "day" -> start.toString();
            case "week" -> "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "month" -> "%d-%02d".formatted(start.getYear(), start.getMonthValue());
            case "quarter" -> "%d-Q%d".formatted(start.getYear(), start.get(IsoFields.QUARTER_OF_YEAR));
            case "year" -> String.valueOf(start.getYear());
            default -> throw new IllegalArgumentException(granularity);
        };
    }
}
