package io.crmhub.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One scrape of {@code /actuator/prometheus}: the text format, read the way Prometheus reads it. */
public record PrometheusScrape(List<String> lines) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static PrometheusScrape of(int managementPort) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("/actuator/prometheus answered " + r.statusCode());
            }
            return new PrometheusScrape(r.body().lines().toList());
        } catch (Exception e) {
            throw new IllegalStateException("cannot scrape the management port " + managementPort, e);
        }
    }

    /** The value of the first sample of {@code name} whose labels contain every {@code label="value"} given. */
    public Optional<Double> value(String name, String... labels) {
        return samples(name, labels).findFirst().map(PrometheusScrape::sampleValue);
    }

    /** Sum over every sample of {@code name} with the given labels (e.g. a counter over all its tags). */
    public double sum(String name, String... labels) {
        return samples(name, labels).mapToDouble(PrometheusScrape::sampleValue).sum();
    }

    /** Metric names (without labels) starting with a prefix. */
    public List<String> names(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.split("[{ ]", 2)[0]).distinct().sorted()
                .toList();
    }

    private Stream<String> samples(String name, String... labels) {
        return lines.stream().filter(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Stream.of(labels).allMatch(l::contains));
    }

    private static double sampleValue(String line) {
        String[] parts = line.trim().split(" ");
        return Double.parseDouble(parts[parts.length - 1]);
    }
}
