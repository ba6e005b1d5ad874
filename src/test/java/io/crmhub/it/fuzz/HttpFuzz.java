package io.crmhub.it.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmhub.it.TestPartners;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The partner API over real HTTP: generated customer bodies for PUT, search query parameters for GET and SOAP
 * envelopes, a few in flight at a time. Bad input is a 4xx problem (REST) or a {@code soap:Client} fault (SOAP)
 * with a specific reason that quotes no personal value sent; a 5xx or a {@code soap:Server} fault is a server error.
 */
final class HttpFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 8;
    private static final List<String> BODY_FIELDS = List.of("number", "kind", "name", "contactName", "emails", "phones",
            "address", "taxId", "industry", "owner", "lifecycleStatus", "birthDate", "unknownField");
    private static final Arbitrary<Object> VALUE = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Hostile.textOrNull().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(2, Hostile.text().list().ofMaxSize(7).map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(Map.of("country", "CN", "city", "上海"), Map.of("country", "中国"),
                    true).map(v -> (Object) v)));
    private static final List<String> PERSONAL_BODY = List.of("name", "contactName", "emails", "phones", "address",
            "owner", "birthDate");
    private static final List<String> QUERY = List.of("name", "phone", "email", "taxId", "page", "size", "sort", "q");
    private static final List<String> PERSONAL_QUERY = List.of("name", "phone", "email", "taxId", "q");
    private static final Pattern FAULT = Pattern.compile("<faultcode>([^<]*)</faultcode>\\s*<faultstring[^>]*>([^<]*)<");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpFuzz(String base) {
        this.base = base;
    }

    void partnerBodies(FuzzCampaign fuzz, String run) throws Exception {
        List<Runnable> checks = new ArrayList<>();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < FuzzCampaign.CASES; i++) {
            boolean good = i % 10 == 0;
            // '/' and '\' (%2F, %5C) included: they reach the firewall (EncodedSeparatorConfiguration)
            String key = !good && fuzz.random().nextInt(10) == 0 ? fuzz.next(Hostile.shortText()) : "FZP" + run + "-" + i;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", "PERSON");
            body.put("name", "Fuzz Partner " + i);
            body.put("emails", List.of("fzp." + run + "." + i + "@example.com"));
            List<String> personal = new ArrayList<>();
            String text;
            if (good) {
                text = JSON.writeValueAsString(body);
            } else if (fuzz.random().nextInt(10) == 0) {
                text = fuzz.next(Hostile.anyText(300));
            } else {
                List<String> other = new ArrayList<>(List.of(key));
                for (int n = 1 + fuzz.random().nextInt(3); n > 0; n--) {
                    String field = BODY_FIELDS.get(fuzz.random().nextInt(BODY_FIELDS.size()));
                    Object value = fuzz.next(VALUE);
                    body.put(field, value);
                    collectStrings(value, PERSONAL_BODY.contains(field) ? personal : other);
                }
                // a generated value sent in a personal and a non-personal field alike may be quoted for the latter
                personal.removeIf(v -> other.stream().anyMatch(o -> o.contains(v)));
                text = JSON.writeValueAsString(body);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/partners/acme/customers/"
                            + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")))
                    .timeout(Duration.ofSeconds(60)).header(TestPartners.HEADER, TestPartners.ACME)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(text)).build();
            // the path as sent (a generated key, no personal data): what to replay when a refusal is unexplained
            String context = "PUT case " + i + " " + request.uri().getRawPath();
            fuzz.countCase();
            calls.add(send(slots, request, (status, reply) -> checks.add(() -> {
                if (good && status / 100 != 2) {
                    fuzz.unexplained(context + ": a well-formed customer got " + status + " " + reply);
                } else {
                    problem(fuzz, status, reply, personal, context);
                }
            })));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        checks.forEach(Runnable::run);
    }

    void partnerQueries(FuzzCampaign fuzz) throws Exception {
        List<Runnable> checks = new ArrayList<>();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < FuzzCampaign.CASES; i++) {
            StringBuilder query = new StringBuilder();
            List<String> personal = new ArrayList<>();
            for (int n = 1 + fuzz.random().nextInt(3); n > 0; n--) {
                String value = fuzz.next(Hostile.shortText());
                String parameter = QUERY.get(fuzz.random().nextInt(QUERY.size()));
                if (PERSONAL_QUERY.contains(parameter)) {
                    personal.add(value);
                }
                query.append(query.isEmpty() ? "?" : "&").append(parameter)
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/customers" + query))
                    .timeout(Duration.ofSeconds(60)).header(TestPartners.HEADER, TestPartners.READER).GET().build();
            String context = "GET case " + i;
            fuzz.countCase();
            calls.add(send(slots, request, (status, reply) -> checks.add(() -> problem(fuzz, status, reply, personal,
                    context))));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        checks.forEach(Runnable::run);
    }

    void soapRequests(FuzzCampaign fuzz, String run) throws Exception {
        List<Runnable> checks = new ArrayList<>();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < FuzzCampaign.CASES; i++) {
            List<String> personal = new ArrayList<>();
            String envelope = SoapEnvelopes.generate(fuzz, "FZW" + run + "-" + i, personal);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/soap/v1/customers"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"urn:crmhub:customer:upsertCustomer\"")
                    .header(TestPartners.HEADER, TestPartners.ACME)
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
            String context = "SOAP case " + i;
            fuzz.countCase();
            calls.add(send(slots, request, (status, reply) -> checks.add(() -> fault(fuzz, status, reply, personal,
                    context))));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        checks.forEach(Runnable::run);
    }

    private CompletableFuture<?> send(Semaphore slots, HttpRequest request, BiConsumer<Integer, String> outcome)
            throws InterruptedException {
        slots.acquire();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            slots.release();
            synchronized (this) {
                if (error != null) {
                    outcome.accept(599, "no response: " + error);
                } else {
                    outcome.accept(response.statusCode(), response.body());
                }
            }
        });
    }

    private static void problem(FuzzCampaign fuzz, int status, String body, List<String> personal, String context) {
        if (status >= 500) {
            fuzz.serverError(context + ": " + status + " " + body);
        } else if (status >= 400) {
            fuzz.countRefused();
            String detail = null;
            try {
                JsonNode problem = JSON.readTree(body);
                detail = problem.path("detail").asText(null);
            } catch (Exception notJson) {
                fuzz.unexplained(context + ": " + status + " without a problem body: " + body);
                return;
            }
            fuzz.explained(detail, personal, context + " (" + status + " " + body + ")");
        }
    }

    private static void fault(FuzzCampaign fuzz, int status, String body, List<String> personal, String context) {
        Matcher fault = FAULT.matcher(body == null ? "" : body);
        if (!fault.find()) {
            if (status >= 500) {
                fuzz.serverError(context + ": " + status + " without a SOAP fault");
            } else if (status >= 400) {
                fuzz.unexplained(context + ": " + status + " without a SOAP fault");
            }
            return;
        }
        fuzz.countRefused();
        if (!fault.group(1).endsWith("Client")) {
            fuzz.serverError(context + ": " + fault.group(1) + " fault: " + fault.group(2));
        } else {
            fuzz.explained(fault.group(2), personal, context);
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectStrings(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, out));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectStrings(v, out));
        }
    }
}
