package io.crmhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A headless Chromium (Debian's {@code chromium}) driven over its DevTools protocol with the JDK's WebSocket client:
 * no WebDriver, no browser download. Answers HTTP authentication challenges with the given credentials.
 */
final class ChromiumDevTools implements AutoCloseable {

    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0", "--window-size=1440,900");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Process browser;
    private final Path profile;
    private final WebSocket socket;
    private final String user;
    private final String password;

    ChromiumDevTools(Path executable, String user, String password) throws Exception {
        this.user = user;
        this.password = password;
        this.profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new java.util.ArrayList<>(List.of(executable.toString()));
        command.addAll(FLAGS);
        command.addAll(List.of("--user-data-dir=" + profile, "about:blank"));
        this.browser = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(portFile)
                && Files.readAllLines(portFile).size() >= 2);
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(pageSocket(port)), new Listener()).get(10, TimeUnit.SECONDS);
        send("Page.enable", Map.of());
        send("Fetch.enable", Map.of("handleAuthRequests", true));
    }

    /** Sends a DevTools command and waits for its result. */
    JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        write(json.writeValueAsString(message));
        JsonNode reply = result.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value as text. */
    String eval(String expression) throws Exception {
        return send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                .path("result").path("value").asText();
    }

    void navigate(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
    }

    /** Types into the focused element the way a keyboard does (so React's inputs see it). */
    void type(String cssSelector, String text) throws Exception {
        eval("document.querySelector(" + json.writeValueAsString(cssSelector) + ").focus()");
        send("Input.insertText", Map.of("text", text));
    }

    void screenshot(Path png) throws Exception {
        String data = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, java.util.Base64.getDecoder().decode(data));
    }

    private String pageSocket(int port) throws IOException, InterruptedException {
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : json.readTree(list.body())) {
            if ("page".equals(target.path("type").asText())) {
                return target.path("webSocketDebuggerUrl").asText();
            }
        }
        throw new IllegalStateException("Chromium shows no page target: " + list.body());
    }

    /** Events: paused requests continue; authentication challenges get the credentials. */
    private void onEvent(JsonNode message) throws Exception {
        String method = message.path("method").asText();
        String requestId = message.path("params").path("requestId").asText();
        if ("Fetch.requestPaused".equals(method)) {
            sendAsync("Fetch.continueRequest", Map.of("requestId", requestId));
        } else if ("Fetch.authRequired".equals(method)) {
            sendAsync("Fetch.continueWithAuth", Map.of("requestId", requestId, "authChallengeResponse",
                    Map.of("response", "ProvideCredentials", "username", user, "password", password)));
        }
    }

    private void sendAsync(String method, Map<String, Object> params) throws Exception {
        ObjectNode message = json.createObjectNode().put("id", ids.incrementAndGet()).put("method", method);
        message.set("params", json.valueToTree(params));
        write(json.writeValueAsString(message));
    }

    /** The JDK's WebSocket allows one send at a time: commands (test thread) and event replies (listener) queue. */
    private synchronized void write(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        // Chromium's renderer, GPU and crash helpers are processes of their own that write into the profile
        java.util.List<ProcessHandle> helpers = browser.descendants().toList();
        browser.destroy();
        helpers.forEach(ProcessHandle::destroy);
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
        }
        for (ProcessHandle helper : helpers) {
            try {
                helper.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                helper.destroyForcibly();
            }
        }
        // a helper may still flush a file while it exits (DirectoryNotEmptyException under load): until it is gone
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                    org.springframework.util.FileSystemUtils.deleteRecursively(profile);
                    return !java.nio.file.Files.exists(profile);
                });
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = json.readTree(text);
                    CompletableFuture<JsonNode> waiting = message.has("id")
                            ? pending.remove(message.get("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    } else if (message.has("method")) {
                        onEvent(message);
                    }
                } catch (Exception e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
