package io.crmhub.kpi;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The per-day aggregates ({@code kpi_day} or some customers' contributions) before a date, as running totals: any
 * window {@code [from, to)} is one subtraction, so a range of periods costs one read of a few thousand rows. Money
 * stays exact (BigDecimal) until the indicator is formed.
 */
final class DaySeries {

    /** Count columns of kpi_day read here. */
    enum Count {
        WON_ORDERS, WON_PRICED, UNCONVERTED, COMPLAINTS, RESOLVED, OVERDUE_DELTA, CSAT_N, CSAT_SATISFIED, LINE_AMOUNT_N,
        COSTED_AMOUNT_N, MARGIN_N, FIRST_BUYERS, MARGIN_FIRST, CYCLE_N, CYCLE_DAYS, ACTIVE_DELTA, YEAR_RETAINED_DELTA
    }

    /** Money (and other numeric) columns of kpi_day read here. */
    enum Money {
        WON_REVENUE, COLLECTED, RESOLVED_SECONDS, CSAT_SUM, LINE_AMOUNT, COSTED_AMOUNT, MARGIN
    }

    private final LocalDate first;
    private final long[][] counts;       // [column][i]: Σ over days < first + i
    private final BigDecimal[][] money;

    private DaySeries(LocalDate first, long[][] counts, BigDecimal[][] money) {
        this.first = first;
        this.counts = counts;
        this.money = money;
    }

    /** Reads rows ordered by day (columns named as in kpi_day). */
    static DaySeries read(List<Row> rows) {
        if (rows.isEmpty()) {
            return new DaySeries(LocalDate.EPOCH, new long[Count.values().length][1],
                    zeros(Money.values().length, 1));
        }
        LocalDate first = rows.get(0).day;
        int n = (int) ChronoUnit.DAYS.between(first, rows.get(rows.size() - 1).day) + 2;
        long[][] counts = new long[Count.values().length][n];
        BigDecimal[][] money = zeros(Money.values().length, n);
        int r = 0;
        for (int i = 1; i < n; i++) {
            LocalDate day = first.plusDays(i - 1);
            Row row = r < rows.size() && rows.get(r).day.equals(day) ? rows.get(r++) : null;
            for (int c = 0; c < counts.length; c++) {
                counts[c][i] = counts[c][i - 1] + (row == null ? 0 : row.counts[c]);
            }
            for (int c = 0; c < money.length; c++) {
                money[c][i] = row == null ? money[c][i - 1] : money[c][i - 1].add(row.money[c]);
            }
        }
        return new DaySeries(first, counts, money);
    }

    private static BigDecimal[][] zeros(int columns, int n) {
        BigDecimal[][] m = new BigDecimal[columns][n];
        for (BigDecimal[] column : m) {
            java.util.Arrays.fill(column, BigDecimal.ZERO);
        }
        return m;
    }

    /** Σ over days in [from, to). */
    long sum(Count c, LocalDate from, LocalDate to) {
        return before(c, to) - before(c, from);
    }

    BigDecimal sum(Money c, LocalDate from, LocalDate to) {
        return before(c, to).subtract(before(c, from));
    }

    /** Σ over days before {@code end}. */
    long before(Count c, LocalDate end) {
        return counts[c.ordinal()][index(end)];
    }

    BigDecimal before(Money c, LocalDate end) {
        return money[c.ordinal()][index(end)];
    }

    /** Σ over days up to and including {@code day} (a running count of +1/−1 events). */
    long upTo(Count c, LocalDate day) {
        return before(c, day.plusDays(1));
    }

    private int index(LocalDate end) {
        long i = ChronoUnit.DAYS.between(first, end);
        return (int) Math.max(0, Math.min(i, counts[0].length - 1));
    }

    /** One day's values. */
    record Row(LocalDate day, long[] counts, BigDecimal[] money) {

        static Row of(ResultSet rs) throws SQLException {
            long[] counts = new long[Count.values().length];
            for (Count c : Count.values()) {
                counts[c.ordinal()] = rs.getLong(c.name().toLowerCase(java.util.Locale.ROOT));
            }
            BigDecimal[] money = new BigDecimal[Money.values().length];
            for (Money c : Money.values()) {
                BigDecimal v = rs.getBigDecimal(c.name().toLowerCase(java.util.Locale.ROOT));
                money[c.ordinal()] = v == null ? BigDecimal.ZERO : v;
            }
            return new Row(rs.getObject("day", LocalDate.class), counts, money);
        }
    }
}
