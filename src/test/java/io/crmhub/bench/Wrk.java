package io.crmhub.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of one wrk run, read from its {@code --latency} output; latencies in milliseconds. */
record Wrk(double rate, long requests, double p50, double p75, double p90, double p99, long non2xx,
           String socketErrors) {

    static Wrk parse(String out) {
        return new Wrk(Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)")),
                Long.parseLong(find(out, "([0-9]+) requests in")), millis(find(out, "\\s50%\\s+(\\S+)")),
                millis(find(out, "\\s75%\\s+(\\S+)")), millis(find(out, "\\s90%\\s+(\\S+)")),
                millis(find(out, "\\s99%\\s+(\\S+)")),
                Long.parseLong(findOr(out, "Non-2xx or 3xx responses: ([0-9]+)", "0")),
                findOr(out, "Socket errors: ([^\\n]+)", "none"));
    }

    /** wrk prints {@code 500.00us}, {@code 113.00ms}, {@code 2.62s} or {@code 1.02m}. */
    static double millis(String value) {
        Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException("not a wrk latency: " + value);
        }
        double number = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> number / 1000;
            case "ms" -> number;
            case "s" -> number * 1000;
            default -> number * 60_000;
        };
    }

    boolean clean() {
        return non2xx == 0 && "none".equals(socketErrors);
    }

    String latencies() {
        return String.format(Locale.ROOT, "p50 %s, p75 %s, p90 %s, p99 %s", ms(p50), ms(p75), ms(p90), ms(p99));
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String find(String out, String regex) {
        String value = findOr(out, regex, null);
        if (value == null) {
            throw new IllegalStateException("wrk printed no " + regex + ":\n" + out);
        }
        return value;
    }

    private static String findOr(String out, String regex, String otherwise) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? m.group(1) : otherwise;
    }
}
