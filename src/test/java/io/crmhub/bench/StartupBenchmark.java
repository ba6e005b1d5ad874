package io.crmhub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Start to ready on the embedded default, run by hand: {@code mvn -B -ntp -Pbench-startup verify} (docs/benchmarks-startup.md).
 * Starts the hub {@code bench.startup.runs} times as {@code mvn spring-boot:run} does (its own JVM, profile {@code local}:
 * embedded PostgreSQL and Kafka, every simulator), on free ports, and measures the wall time from launching {@code java}
 * to the first 200 of the management port's readiness probe ({@code /actuator/health/readiness}); then stops it
 * (SIGTERM) and waits for it to end. Prints each run with the CPU time the hub's JVM used until then (PostgreSQL's
 * processes not counted; less sensitive than wall time to a machine shared with other work), the hub's own marks
 * (embedded servers, Spring's "Started … in") and the load average, and last {@code RESULT startup seconds_to_ready=<median> runs=… min=… max=…}. The classpath is this JVM's
 * with the workbench's classes in place of the test classes ({@code bench.startup.classpath} names another, e.g. another build's); JVM options in
 * {@code bench.startup.jvm-args} (e.g. {@code -XX:SharedArchiveFile=…}). Not a test: it measures, it asserts nothing.
 */
public final class StartupBenchmark {

    private static final Path LOGS = Path.of("target", "startup-bench");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern SERVERS = Pattern.compile("embedded PostgreSQL on port \\d+ and Kafka at \\S+ started in (\\d+) ms");
    private static final Pattern STARTED = Pattern.compile("Started CrmHubApplication in ([0-9.]+) seconds");

    private StartupBenchmark() {}

    public static void main(String[] args) {
        int exit = 1;
        try {
            run();
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.exit(exit);
        }
    }

    static void run() throws Exception {
        int runs = Integer.getInteger("bench.startup.runs", 3);
        String classpath = System.getProperty("bench.startup.classpath", "");
        if (classpath.isBlank()) {
            classpath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                    // the demo's simulators are the workbench (target/workbench-classes), as mvn spring-boot:run adds it
                    .map(e -> e.endsWith("test-classes") ? Path.of(e).resolveSibling("workbench-classes").toString() : e)
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        }
        List<String> jvmArgs = Arrays.stream(System.getProperty("bench.startup.jvm-args", "").trim().split("\\s+"))
                .filter(a -> !a.isBlank()).toList();
        Files.createDirectories(LOGS);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Double> seconds = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            seconds.add(once(i, classpath, jvmArgs, http));
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "RESULT startup seconds_to_ready=%.1f runs=%d min=%.1f max=%.1f cores=%d%n",
                sorted.get(sorted.size() / 2), runs, sorted.get(0), sorted.get(sorted.size() - 1),
                Runtime.getRuntime().availableProcessors());
    }

    private static double once(int run, String classpath, List<String> jvmArgs, HttpClient http) throws Exception {
        int management = freePort();
        int oa = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, "io.crmhub.CrmHubApplication", "--spring.profiles.active=local",
                "--server.port=" + freePort(), "--management.server.port=" + management,
                "--hub.embedded.postgres-port=" + freePort(), "--hub.simulator.oa.port=" + oa,
                "--hub.connectors.oa.url=http://localhost:" + oa + "/oa"));
        Path log = LOGS.resolve("run-" + run + ".log");
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + management
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process hub = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        try {
            while (!ready(http, readiness)) {
                if (!hub.isAlive() || System.nanoTime() - t0 > TIMEOUT.toNanos()) {
                    throw new IllegalStateException("hub not ready (exit " + (hub.isAlive() ? "-" : hub.exitValue())
                            + "), see " + log);
                }
                Thread.sleep(100);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = hub.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
            String console = Files.readString(log);
            System.out.printf(Locale.ROOT, "run %d: ready after %.1f s, hub JVM cpu %.1f s (embedded servers %s ms, "
                    + "Spring: started in %s s; load %s)%n", run, s, cpu, mark(SERVERS, console), mark(STARTED, console),
                    String.format(Locale.ROOT, "%.1f",
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            return s;
        } finally {
            hub.destroy();
            if (!hub.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean ready(HttpClient http, HttpRequest readiness) throws InterruptedException {
        try {
            return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private static String mark(Pattern pattern, String console) {
        Matcher m = pattern.matcher(console);
        return m.find() ? m.group(1) : "?";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("localhost", 0));
            return s.getLocalPort();
        }
    }
}
