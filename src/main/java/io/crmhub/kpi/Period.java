package io.crmhub.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** One reporting period {@code [start, end)} and its label. */
record Period(String label, LocalDate start, LocalDate end) {

    /** How periods are cut. */
    enum Granularity {
        DAY, WEEK, MONTH, QUARTER, YEAR;

        LocalDate startOf(LocalDate d) {
            return switch (this) {
                case DAY -> d;
                case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> d.withDayOfMonth(1);
                case QUARTER -> d.withMonth((d.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
                case YEAR -> d.withDayOfYear(1);
            };
        }

        LocalDate next(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
                case QUARTER -> start.plusMonths(3);
                case YEAR -> start.plusYears(1);
            };
        }

        String label(LocalDate start) {
            return switch (this) {
                case DAY -> start.toString();
                case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                        start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case MONTH -> String.format("%d-%02d", start.getYear(), start.getMonthValue());
                case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
                case YEAR -> String.valueOf(start.getYear());
            };
        }
    }

    /** The periods covering {@code [from, to]}, whole periods (the first starts on or before from). */
    static List<Period> covering(LocalDate from, LocalDate to, Granularity g, int max) {
        List<Period> periods = new ArrayList<>();
        for (LocalDate s = g.startOf(from); !s.isAfter(to); s = g.next(s)) {
            if (periods.size() == max) {
                throw new IllegalArgumentException("more than " + max + " periods: choose a coarser granularity");
            }
            periods.add(of(g, s));
        }
        return periods;
    }

    static Period of(Granularity g, LocalDate start) {
        return new Period(g.label(start), start, g.next(start));
    }

    /** The period before this one, of the same granularity. */
    Period previous(Granularity g) {
        LocalDate s = g.startOf(start.minusDays(1));
        return of(g, s);
    }

    long days() {
        return ChronoUnit.DAYS.between(start, end);
    }
}
