package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * An operator's view of the running hub: headless Chromium logs in to Hawtio (login required outside the local
 * profile), opens the Camel routes view and finds the hub's routes with their live counters; the page is saved as
 * {@code target/hawtio-routes.png}. Needs Debian's {@code chromium} (.ci/run installs it; with CI=true a missing
 * browser fails the build instead of skipping this test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "hub.embedded.enabled=true", "hub.simulator.erp.enabled=true",
    // Hawtio authenticates the operators of a Tomcat users file (its JAAS module), role admin
    "hawtio.authenticationEnabled=true", "hawtio.roles=admin",
    "hawtio.authenticationContainerDiscoveryClasses=io.crmhub.it.HawtioTestUsers",
    // the same operator where Spring Security guards the management port
    "spring.security.user.name=" + HawtioBrowserIT.USER, "spring.security.user.password=" + HawtioBrowserIT.PASSWORD,
    "spring.security.user.roles=admin"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HawtioBrowserIT {

    static final String USER = "hub-operator";
    static final String PASSWORD = "hawtio-it-secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String USER_FIELD = "input#pf-login-username-id";
    private static final Path SCREENSHOT = Path.of("target", "hawtio-routes.png");
    private static final Path DIAGRAM = Path.of("target", "hawtio-route-diagram.png");
    private static final String TABLE_TEXT = "Array.from(document.querySelectorAll('table')).map(t => t.innerText)"
            + ".join('\\n')";

    /** Where the browser is: Hawtio's login form, its console (navigation rendered), or still loading. */
    private static final String PAGE_STATE = "document.querySelector('input[type=password]') ? 'login-form'"
            + " : (document.querySelector('nav, .pf-v5-c-nav, .pf-c-nav') ? 'console' : 'loading')";

    @LocalManagementPort
    int managementPort;

    @Test
    void anOperatorLogsInAndSeesEveryHubRouteWithLiveStatistics() throws Exception {
        try (ChromiumDevTools chromium = new ChromiumDevTools(chromium(), USER, PASSWORD)) {
            chromium.navigate(hawtio(""));
            // The management port asks for the operator's login (HTTP Basic, answered by ChromiumDevTools); Hawtio
            // then either shows its own login form as well or, trusting that login, opens straight away.
            String page;
            try {
                page = await().atMost(TIMEOUT).until(() -> chromium.eval(PAGE_STATE), state -> !"loading".equals(state));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("Hawtio never showed a login form nor its console; the page says: "
                        + chromium.eval("location.href + ' | ' + (document.body ? document.body.innerText : '')"), e);
            }
            if ("login-form".equals(page)) {
                chromium.type(USER_FIELD, USER);
                chromium.type("input[type=password]", PASSWORD);
                assertThat(chromium.eval("document.querySelector('" + USER_FIELD + "').value + '/' + "
                        + "document.querySelector('input[type=password]').value.length"))
                        .as("login form filled").isEqualTo(USER + "/" + PASSWORD.length());
                chromium.eval("document.querySelector('form button[type=submit]').click()");
                await().atMost(TIMEOUT).until(() -> chromium.eval(PAGE_STATE), "console"::equals);
            }

            chromium.navigate(hawtio("camel/routes"));
            // the Routes tab: one row per route with its state and live exchange counters (read over Jolokia)
            String table = await().atMost(TIMEOUT).until(() -> chromium.eval(TABLE_TEXT),
                    text -> text.contains("canonical-store-apply") && text.contains("erp-cdc-capture"));
            assertThat(table).contains("canonical-publish", "hub-dead-letter", "scm-shipments-ingest",
                    "ops-gauges-refresh", "Started");
            chromium.screenshot(SCREENSHOT);

            chromium.eval("Array.from(document.querySelectorAll('button, a')).find(b => b.innerText.trim() === "
                    + "'Route Diagram').click()");
            await().atMost(TIMEOUT).until(() -> chromium.eval("document.querySelectorAll('.react-flow__node').length"),
                    nodes -> Integer.parseInt(nodes) > 10);
            chromium.screenshot(DIAGRAM);
        }
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        assertThat(Files.size(DIAGRAM)).isGreaterThan(10_000);
    }

    private String hawtio(String path) {
        return "http://localhost:" + managementPort + "/actuator/hawtio/" + path;
    }

    /** Debian's chromium; missing in CI is a failure (.ci/run installs it), elsewhere the test is skipped. */
    static Path chromium() {
        Path executable = Path.of(System.getenv().getOrDefault("HUB_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            String message = "Chromium not found at " + executable + ": install Debian's chromium package "
                    + "(apt-get install chromium; .ci/run does) or set HUB_CHROMIUM";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return executable;
    }
}
