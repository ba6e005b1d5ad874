package io.crmhub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** How tests start a hub as its own OS process (so it can be killed): the packaged jar, or the test classpath. */
public final class HubProcesses {

    private HubProcesses() {}

    /** {@code java <small-heap options> -jar crm-hub-*.jar} (or {@code -cp … CrmHubApplication}); arguments follow. */
    public static List<String> javaCommand() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        Path jar = packagedJar();
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.crmhub.CrmHubApplication"));
        }
        return command;
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("crm-hub-.*\\.jar")).findFirst().orElse(null);
        }
    }
}
