package io.crmhub.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay under {@code k8s/overlays/} renders with {@code kubectl kustomize}, and every rendered object is a
 * known Kubernetes type without a single unknown or misspelled field. CI ({@code .ci/run}) makes kubectl mandatory
 * ({@code -Dhub.k8s.require-kubectl=true}); a developer machine without kubectl skips only the rendering.
 */
class KubernetesManifestsTest {

    private static final Path OVERLAYS = Path.of("k8s", "overlays");

    static Stream<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlayRendersToValidKubernetesObjects(Path overlay) throws Exception {
        String rendered = kustomize(overlay);

        assertThat(ManifestValidator.validate(rendered)).isEmpty();
        assertThat(rendered).contains("kind: Deployment", "kind: ServiceMonitor", "kind: Role",
                "kind: PodDisruptionBudget", "kind: HorizontalPodAutoscaler", "kind: NetworkPolicy");
        // no secret material is rendered: the hub only references the Secret ops create
        assertThat(rendered).doesNotContain("kind: Secret");
    }

    @Test
    void aMisspelledFieldIsReportedWithItsPath() throws IOException {
        String yaml = Files.readString(Path.of("src/test/resources/k8s/misspelled-field.yaml"));

        assertThat(ManifestValidator.validate(yaml)).containsExactlyInAnyOrder(
                "Deployment/crm-hub: spec.template.spec.containers[0].readinesProbe: unknown field",
                "Deployment/crm-hub: spec.template.spec.securityContext.runAsNonroot: unknown field",
                "ServiceMonitor/crm-hub: spec.endpoints[0].intervall: unknown field");
    }

    @Test
    void aWrongTypeAndAnUnknownKindAreReported() throws IOException {
        String yaml = Files.readString(Path.of("src/test/resources/k8s/wrong-type-and-kind.yaml"));

        List<String> problems = ManifestValidator.validate(yaml);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("document does not match its API type");
        assertThat(problems.get(1)).isEqualTo("Widget/w: unknown kind example.com/v1 Widget");
    }

    @Test
    void theConfigMapGeneratorsListEveryRouteAndMappingFile() throws IOException {
        String routes = Files.readString(Path.of("routes/kustomization.yaml"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml"))
                    .forEach(n -> assertThat(routes).as("routes/kustomization.yaml lists " + n).contains("- " + n));
        }
        String mappings = Files.readString(Path.of("mappings/kustomization.yaml"));
        try (Stream<Path> files = Files.walk(Path.of("mappings"), 2)) {
            files.filter(p -> p.getNameCount() == 3 && p.toString().endsWith(".yaml"))
                    .filter(p -> !Set.of("identity", "dry-run").contains(p.getName(1).toString()))
                    .map(p -> p.getName(1) + "/" + p.getFileName())
                    .forEach(n -> assertThat(mappings).as("mappings/kustomization.yaml lists " + n)
                            .contains("- " + n));
        }
    }

    private static String kustomize(Path overlay) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.assumeFalse(Boolean.getBoolean("hub.k8s.require-kubectl"), "kubectl is required");
            Assumptions.abort("kubectl not installed (Debian: apt-get install kubernetes-client); .ci/run has it");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize " + overlay + ":\n" + out).isZero();
        return out;
    }
}
