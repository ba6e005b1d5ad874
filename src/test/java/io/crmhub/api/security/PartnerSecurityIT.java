package io.crmhub.api.security;

import static io.crmhub.it.TestPartners.ACME;
import static io.crmhub.it.TestPartners.EXPIRED;
import static io.crmhub.it.TestPartners.READER;
import static io.crmhub.it.TestPartners.SLOW;
import static io.crmhub.it.TestPartners.STEWARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.TestPartners;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Partner security end to end, over TLS (a self-signed keystore generated for the run with the JDK's keytool):
 * 401 without or with a dead key, 403 without the scope, 429 over the rate, 413 over the size — on REST as
 * problem+json and on SOAP as CustomerFaults — and key rotation by editing the credentials file, no restart.
 */
@HubIntegrationTest
class PartnerSecurityIT {

    private static final String STORE_PASSWORD = "test-only-keystore";
    private static Path dir;
    private static Path credentials;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tlsAndCredentials(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("partner-security");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", dir.resolve("hub.p12").toString(), "-storepass", STORE_PASSWORD, "-dname", "CN=localhost",
                "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1").inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        credentials = dir.resolve("partners.yaml");
        try (InputStream in = PartnerSecurityIT.class.getResourceAsStream("/partners/test-partners.yaml")) {
            Files.write(credentials, in.readAllBytes());
        }
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> dir.resolve("hub.p12").toUri().toString());
        registry.add("server.ssl.key-store-password", () -> STORE_PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("hub.partners.credentials", () -> credentials.toUri().toString());
        registry.add("hub.partners.reload-interval-ms", () -> "200");
        registry.add("hub.partners.max-request-bytes", () -> "4096");
    }

    @Test
    void theApiSpeaksTlsAndRefusesCallersWithoutALiveKey() throws Exception {
        assertThat(get("/api/v1/customers?name=x", READER).statusCode()).isEqualTo(200);
        HttpResponse<String> none = get("/api/v1/customers?name=x", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("X-API-Key"));
        assertThat(get("/api/v1/customers?name=x", EXPIRED).body()).contains("unknown, revoked or expired");
        assertThat(get("/api/v1/customers?name=x", "no-such-key").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/openapi.yaml", null).statusCode()).as("the contract is public").isEqualTo(200);
        assertThat(get("/soap/v1/customers?wsdl", null).body()).contains("CustomerService");
        HttpResponse<String> soap = soap(null, "<c:GetCustomerRequest><c:goldenId>x</c:goldenId></c:GetCustomerRequest>");
        assertThat(soap.statusCode()).isEqualTo(401);
        assertThat(soap.body()).contains("<c:code>UNAUTHENTICATED</c:code>");
    }

    @Test
    void aUrlTheFirewallRefusesGetsAProblemWithTheReason() throws Exception {
        HttpResponse<String> r = get("/api/v1/partners/acme/customers/a%3Bb", READER);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).contains("rejected-url").contains("the request URL was refused");
    }

    @Test
    void anEncodedSlashBackslashOrNulInAKeyGetsAProblemWithTheReasonNotTomcatsPage() throws Exception {
        for (String key : new String[] {"a%2Fb", "a%2fb", "a%5Cb", "a%5cb", "%00", "a%00b"}) {
            HttpResponse<String> r = get("/api/v1/partners/acme/customers/" + key, READER);
            assertThat(r.statusCode()).as(key).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).as(key).hasValue("application/problem+json");
            assertThat(r.body()).as(key).contains("rejected-url").contains("the request URL was refused")
                    .doesNotContain("<html");
            assertThat(r.body()).as(key + ": a reason, not Tomcat's").containsAnyOf("malicious", "NUL");
        }
        assertThat(get("/api/v1/customers?name=a%2Fb%5Cc", READER).statusCode()).as("in a query it is no path")
                .isEqualTo(200);
    }

    @Test
    void theIdentityAdminApiNeedsTheStewardScope() throws Exception {
        HttpResponse<String> reader = get("/api/v1/identity/reviews", READER);
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.body()).contains("lacks scope identity:admin");
        assertThat(get("/api/v1/identity/reviews", STEWARD).statusCode()).isEqualTo(200);
    }

    @Test
    void aPartnerOverItsRateGets429WithRetryAfterOnRestAndSoap() throws Exception {
        int[] statuses = new int[3];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = get("/api/v1/customers?name=x", SLOW).statusCode();
        }
        assertThat(statuses).containsExactly(200, 200, 429); // burst 2, then 0.5 per second
        HttpResponse<String> limited = get("/api/v1/customers?name=x", SLOW);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(limited.body()).contains("rate-limited");
        HttpResponse<String> soap = soap(SLOW, "<c:GetCustomerRequest><c:goldenId>x</c:goldenId></c:GetCustomerRequest>");
        assertThat(soap.statusCode()).isEqualTo(429);
        assertThat(soap.body()).contains("<c:code>RATE_LIMITED</c:code>");
        assertThat(get("/api/v1/customers?name=x", READER).statusCode()).as("others are not limited").isEqualTo(200);
    }

    @Test
    void bodiesAboveTheLimitAre413DeclaredOrChunked() throws Exception {
        String big = "{\"kind\":\"PERSON\",\"name\":\"" + "x".repeat(5000) + "\"}";
        HttpResponse<String> declared = put(HttpRequest.BodyPublishers.ofString(big));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("larger than 4096 bytes");
        HttpResponse<String> chunked = put(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        HttpResponse<String> soap = soap(ACME, "<c:GetCustomerRequest><c:goldenId>" + "x".repeat(5000)
                + "</c:goldenId></c:GetCustomerRequest>");
        assertThat(soap.statusCode()).isEqualTo(413);
        assertThat(soap.body()).contains("<c:code>TOO_LARGE</c:code>");
    }

    @Test
    void keysRotateByEditingTheCredentialsFileWithoutARestart() throws Exception {
        String file = Files.readString(credentials);
        String oldHash = PartnerCredentials.sha256(TestPartners.READER);
        String newKey = "rotated-reader-key-" + System.nanoTime();
        String newEntry = "      - id: reader-1\n        sha256: " + oldHash + "\n      - id: reader-2\n        sha256: "
                + PartnerCredentials.sha256(newKey);
        Files.writeString(credentials, file.replace("      - id: reader-1\n        sha256: " + oldHash, newEntry));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/customers?name=x", newKey).statusCode() == 200);
        assertThat(get("/api/v1/customers?name=x", READER).statusCode()).as("overlap: both keys").isEqualTo(200);

        Files.writeString(credentials, file.replace("      - id: reader-1\n        sha256: " + oldHash,
                "      - id: reader-2\n        sha256: " + PartnerCredentials.sha256(newKey)));
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/customers?name=x", READER).statusCode() == 401);
        assertThat(get("/api/v1/customers?name=x", newKey).statusCode()).isEqualTo(200);
        Files.writeString(credentials, file);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/customers?name=x", READER).statusCode() == 200);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (key != null) {
            request.header(TestPartners.HEADER, key);
        }
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(HttpRequest.BodyPublisher body) throws Exception {
        return http().send(HttpRequest.newBuilder(uri("/api/v1/partners/acme/customers/BIG-1"))
                .header(TestPartners.HEADER, ACME).header("Content-Type", "application/json").PUT(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> soap(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/soap/v1/customers"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/"
                        + "soap/envelope/\" xmlns:c=\"http://crmhub.io/partner/customer/v1\"><soap:Body>" + body
                        + "</soap:Body></soap:Envelope>"));
        if (key != null) {
            request.header(TestPartners.HEADER, key);
        }
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    /** Trusts exactly the hub's generated certificate. */
    private static HttpClient http() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("hub.p12"))) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
