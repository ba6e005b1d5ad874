package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

/**
 * A client of the partner REST API that checks every exchange against the OpenAPI document the hub serves:
 * the request (unless a test sends a deliberately invalid one) and the response, status, headers and body.
 * It remembers which documented operations were exercised, so a test can demand all of them.
 */
public final class PartnerApi {

    /** A response: status, headers, body text and, when it is JSON, the body as a tree. */
    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http;
    private final OpenApiInteractionValidator validator;
    private final Map<String, Pattern> operations;
    private final Set<String> exercised = new ConcurrentSkipListSet<>();

    public PartnerApi(String base, HttpClient http) throws Exception {
        this.base = base;
        this.http = http;
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.yaml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).as("the hub serves its OpenAPI document").isEqualTo(200);
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(doc.body()).build();
        this.operations = operations(new ObjectMapper(new YAMLFactory()).readTree(doc.body()));
        exercised.add("GET /api/v1/openapi.yaml");
    }

    public Reply get(String path, String key, String... headers) {
        return send("GET", path, key, null, true, headers);
    }

    public Reply put(String path, String key, Object body, String... headers) {
        return send("PUT", path, key, body, true, headers);
    }

    /** A request the document says is wrong (bad field, no key …): only the response is checked. */
    public Reply sendInvalid(String method, String path, String key, Object body, String... headers) {
        return send(method, path, key, body, false, headers);
    }

    /** An endpoint outside the partner contract (e.g. the steward's identity API): nothing is checked. */
    public Reply outsideContract(String method, String path, String key, Object body) {
        return exchange(method, path, key, body, null);
    }

    public Reply send(String method, String path, String key, Object body, boolean validRequest, String... headers) {
        return exchange(method, path, key, body, validRequest, headers);
    }

    private Reply exchange(String method, String path, String key, Object body, Boolean validRequest,
                       String... headers) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                    text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            SimpleRequest.Builder expected = new SimpleRequest.Builder(method, rawPath(path));
            query(path).forEach((k, v) -> expected.withQueryParam(k, v));
            if (key != null) {
                request.header(TestPartners.HEADER, key);
                expected.withHeader(TestPartners.HEADER, key);
            }
            if (text != null) {
                request.header("Content-Type", "application/json");
                expected.withContentType("application/json").withBody(text);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
                expected.withHeader(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (validRequest != null) {
                check(method, path, expected.build(), response, validRequest);
            }
            return new Reply(response.statusCode(), response, json(response));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every operation of the served document, as "METHOD /path/{template}", that no test has called. */
    public Set<String> unexercised() {
        Set<String> missing = new TreeSet<>(operations.keySet());
        missing.removeAll(exercised);
        return missing;
    }

    private void check(String method, String path, SimpleRequest request, HttpResponse<String> response,
                       boolean validRequest) {
        operations.forEach((op, pattern) -> {
            if (op.startsWith(method + " ") && pattern.matcher(rawPath(path)).matches()) {
                exercised.add(op);
            }
        });
        List<String> problems = new ArrayList<>();
        if (validRequest) {
            report("request", validator.validateRequest(request), problems);
        }
        SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> actual.withHeader(name, values));
        response.headers().firstValue("Content-Type").ifPresent(actual::withContentType);
        report("response", validator.validateResponse(rawPath(path), Request.Method.valueOf(method), actual.build()),
                problems);
        assertThat(problems).as("%s %s → %d %s against the served OpenAPI document", method, path,
                response.statusCode(), response.body()).isEmpty();
    }

    private static void report(String what, ValidationReport report, List<String> problems) {
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> problems.add(what + ": " + m.getMessage()));
    }

    private static Map<String, Pattern> operations(JsonNode doc) {
        Map<String, Pattern> ops = new java.util.TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(m -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(m)) {
                ops.put(m.toUpperCase() + " " + path.getKey(),
                        Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+")));
            }
        }));
        return ops;
    }

    private static String rawPath(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static Map<String, String> query(String path) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private static JsonNode json(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        try {
            return type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
