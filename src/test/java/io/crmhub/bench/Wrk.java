package io.crmhub.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of one wrk run, read from its {@code --latency} output. */
record Wrk(double rate, long requests, String p50, String p90, String p99, String non2xx, String socketErrors) {

    static Wrk parse(String out) {
        return new Wrk(Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)")),
                Long.parseLong(find(out, "([0-9]+) requests in")), find(out, "\\s50%\\s+(\\S+)"),
                find(out, "\\s90%\\s+(\\S+)"), find(out, "\\s99%\\s+(\\S+)"),
                findOr(out, "Non-2xx or 3xx responses: ([0-9]+)", "0"), findOr(out, "Socket errors: ([^\\n]+)", "none"));
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
