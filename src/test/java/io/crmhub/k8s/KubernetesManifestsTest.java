package io.crmhub.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** Without kubectl too: the base and the backfill component as written, read as YAML. */
    @Test
    void theManifestFilesAreValidKubernetesObjects() throws IOException {
        for (String file : List.of("base/rbac.yaml", "base/deployment.yaml", "base/serviceaccount.yaml",
                "components/backfill/job.yaml", "components/backfill/serviceaccount.yaml")) {
            assertThat(ManifestValidator.validate(Files.readString(Path.of("k8s", file)))).as(file).isEmpty();
        }
    }

    @Test
    void leaseRightsAreLimitedToTheHubsOwnLeasesAndTheBackfillHasNone() throws IOException {
        // the Leases the k8s profile takes: <config-map-name>-<route id> for every master: route
        Set<String> leases = new java.util.TreeSet<>();
        java.util.regex.Pattern master = java.util.regex.Pattern.compile("uri: master:([a-z0-9-]+):");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path route : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                java.util.regex.Matcher m = master.matcher(Files.readString(route));
                while (m.find()) {
                    leases.add("crm-hub-" + m.group(1));
                }
            }
        }
        assertThat(leases).contains("crm-hub-erp-cdc-capture");

        List<Map<String, Object>> rbac = documents("k8s/base/rbac.yaml");
        Map<String, Object> role = rbac.stream().filter(d -> "Role".equals(d.get("kind"))).findFirst().orElseThrow();
        List<Map<String, Object>> rules = list(role.get("rules"));
        List<Map<String, Object>> leaseRules = rules.stream()
                .filter(r -> KubernetesManifestsTest.<String>list(r.get("resources")).contains("leases")).toList();
        for (Map<String, Object> rule : leaseRules) {
            List<String> verbs = list(rule.get("verbs"));
            if (rule.containsKey("resourceNames")) {
                assertThat(new java.util.TreeSet<String>(list(rule.get("resourceNames")))).isEqualTo(leases);
            } else {
                // create cannot be limited by name in Kubernetes; nothing else may go unnamed
                assertThat(verbs).as("lease verbs without resourceNames").containsExactly("create");
            }
        }
        assertThat(leaseRules.stream().flatMap(r -> KubernetesManifestsTest.<String>list(r.get("verbs")).stream()))
                .contains("get", "update", "create");
        Map<String, Object> binding = rbac.stream().filter(d -> "RoleBinding".equals(d.get("kind"))).findFirst()
                .orElseThrow();
        List<Map<String, Object>> subjects = list(binding.get("subjects"));
        assertThat(subjects.stream().map(subject -> subject.get("name")).toList()).containsExactly("crm-hub");

        Map<String, Object> job = documents("k8s/components/backfill/job.yaml").get(0);
        Map<?, ?> jobPod = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) job.get("spec")).get("template")).get("spec");
        assertThat(jobPod.get("serviceAccountName")).isEqualTo("crm-hub-backfill");
        assertThat(jobPod.get("automountServiceAccountToken")).isEqualTo(false);
        assertThat(Files.readString(Path.of("k8s/components/backfill/kustomization.yaml")))
                .contains("serviceaccount.yaml").doesNotContain("rbac");
        // a batch job: the throughput collector, and the same heap share and writable tmp as the hub's pods
        Map<?, ?> backfill = KubernetesManifestsTest.<Map<?, ?>>list(jobPod.get("containers")).get(0);
        assertThat(KubernetesManifestsTest.<Map<?, ?>>list(backfill.get("env")).stream()
                .filter(e -> "JAVA_TOOL_OPTIONS".equals(e.get("name"))).map(e -> (String) e.get("value")).findFirst())
                .hasValueSatisfying(options -> assertThat(options.split(" "))
                        .contains("-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp"));
    }

    @Test
    void operatorLoginAndPartnerKeysComeFromSecrets() throws IOException {
        Map<String, Object> deployment = documents("k8s/base/deployment.yaml").get(0);
        Map<?, ?> pod = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) deployment.get("spec")).get("template")).get("spec");
        Map<?, ?> hub = KubernetesManifestsTest.<Map<?, ?>>list(pod.get("containers")).get(0);
        Map<String, Map<?, ?>> env = new java.util.HashMap<>();
        KubernetesManifestsTest.<Map<?, ?>>list(hub.get("env")).forEach(e -> env.put((String) e.get("name"), e));
        for (String name : List.of("SPRING_SECURITY_USER_NAME", "SPRING_SECURITY_USER_PASSWORD")) {
            Map<?, ?> ref = (Map<?, ?>) ((Map<?, ?>) env.get(name).get("valueFrom")).get("secretKeyRef");
            assertThat(ref.get("name")).as(name).isEqualTo("crm-hub-operator");
            assertThat(ref.get("optional")).as(name + " is required").isNotEqualTo(true);
        }
        // the partner credentials file: a Secret mounted where PARTNER_CREDENTIALS_FILE points
        assertThat(env.get("PARTNER_CREDENTIALS_FILE").get("value"))
                .isEqualTo("file:/etc/crm-hub/partners/partners.yaml");
        Map<?, ?> mount = KubernetesManifestsTest.<Map<?, ?>>list(hub.get("volumeMounts")).stream()
                .filter(m -> "/etc/crm-hub/partners".equals(m.get("mountPath"))).findFirst().orElseThrow();
        Map<?, ?> volume = KubernetesManifestsTest.<Map<?, ?>>list(pod.get("volumes")).stream()
                .filter(v -> mount.get("name").equals(v.get("name"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) volume.get("secret")).get("secretName")).isEqualTo("crm-hub-partners");
        // the database CA for verify-full, also a Secret
        assertThat(env.get("DB_SSL_ROOT_CERT").get("value")).isEqualTo("/etc/crm-hub/db-ca/ca.crt");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String file) throws IOException {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Object d : new org.yaml.snakeyaml.Yaml().loadAll(Files.readString(Path.of(file)))) {
            if (d != null) {
                out.add((Map<String, Object>) d);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object o) {
        return o == null ? List.of() : (List<T>) o;
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
