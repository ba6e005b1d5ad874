package io.crmhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a command to its end, echoes and returns what it printed; a non-zero exit is an error. */
final class Processes {

    private Processes() {}

    /**
     * Runs the command and sends it SIGINT (by its pid) once {@code lines} lines of its output started with
     * {@code prefix}: wrk then stops and reports what it did so far.
     */
    static String runUntil(List<String> command, String prefix, int lines) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        int seen = 0;
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                System.out.println(line);
                out.append(line).append('\n');
                if (line.startsWith(prefix) && ++seen == lines) {
                    new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
        return out.toString();
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(out);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
        return out;
    }
}
