package io.crmhub.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date and time spellings found in hand-typed source columns. Shared by {@code date} and
 * {@code timestamp} so both accept exactly the same inputs.
 */
final class DateTexts {

    /** 2024-06-04, 2024/6/4, 2024.6.4, 2024年6月4日, optionally followed by a time 13:00 or 13:00:05.123. */
    private static final Pattern SEPARATED = Pattern.compile(
            "(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?");
    /** 20240604, optionally followed by a time 1300 / 130005 or 13:00. */
    private static final Pattern COMPACT = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:[ T]?(\\d{2}):?(\\d{2})(?::?(\\d{2}))?)?");

    private DateTexts() {}

    /** An instant when the text names one (it carries an offset or Z), otherwise empty. */
    static Optional<OffsetDateTime> withOffset(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A local date and time without zone; date-only texts give midnight. Empty when unreadable or impossible. */
    static Optional<LocalDateTime> local(String text) {
        Matcher m = SEPARATED.matcher(text);
        if (!m.matches()) {
            m = COMPACT.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        try {
            LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(num(m, 4), num(m, 5), m.group(6) == null ? 0 : num(m, 6), nanos(m));
            return Optional.of(date.atTime(time));
        } catch (DateTimeException e) {
            return Optional.empty(); // e.g. 2024-02-30 or 25:00
        }
    }

    /** Full-width digits and stray spaces are common in typed dates; fold them first. */
    static String clean(Object value) {
        return TextTransforms.halfwidth(TextTransforms.text(value)).strip();
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(Matcher m) {
        String fraction = m.groupCount() >= 7 ? m.group(7) : null;
        return fraction == null ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
    }
}
