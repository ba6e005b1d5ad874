package io.crmhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product/workbench boundary as a fact of the build (src/README.md): the product's classes directory, which is
 * what the jar and the container image are made of, holds no workbench class or resource, and every workbench class
 * lives in a workbench package (so {@link ArchitectureTest}'s rule and this one know the whole workbench).
 */
public class WorkbenchBoundaryTest {

    /** The packages of src/workbench/java: demo simulators, batch clustering, identity evaluation harness, dry run. */
    static final String[] WORKBENCH_PACKAGES = {"io.crmhub.simulator..", "io.crmhub.identity.cluster..",
            "io.crmhub.identity.eval..", "io.crmhub.identity.dryrun.."};

    @Test
    void productClassesHoldNoClassOfAWorkbenchPackage() {
        JavaClasses product = new ClassFileImporter().importPath(productClasses());
        assertThat(product.contain(CrmHubApplication.class)).isTrue();
        noClasses().should().resideInAnyPackage(WORKBENCH_PACKAGES)
                .because("the workbench (src/workbench) stays out of the product jar and image")
                .check(product);
    }

    @Test
    void everyWorkbenchClassLivesInAWorkbenchPackage() {
        // an empty import fails the rule (ArchUnit's failOnEmptyShould): the workbench must have been compiled
        classes().should().resideInAnyPackage(WORKBENCH_PACKAGES)
                .because("WORKBENCH_PACKAGES is the list the product is checked against")
                .check(new ClassFileImporter().importPath(workbenchClasses()));
    }

    @Test
    void noWorkbenchFileHasATwinInTheProduct() throws IOException {
        Path workbench = workbenchClasses();
        Path product = productClasses();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(workbench)) {
            // META-INF holds what the compiler generates for either side (configuration metadata)
            files = walk.filter(Files::isRegularFile).map(workbench::relativize)
                    .filter(file -> !file.startsWith("META-INF")).toList();
        }
        assertThat(files).contains(Path.of("simulator", "erp-schema.sql"),
                Path.of("io", "crmhub", "simulator", "ErpSimulator.class"));
        assertThat(files).filteredOn(file -> Files.exists(product.resolve(file)))
                .as("workbench files also in the product's classes (%s)", product)
                .isEmpty();
    }

    private static Path productClasses() {
        try {
            return Path.of(CrmHubApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** target/workbench-classes (pom.xml, property workbench.classes), beside target/classes. */
    public static Path workbenchClasses() {
        Path dir = productClasses().resolveSibling("workbench-classes");
        assertThat(dir).as("the workbench's classes (compiled by mvn before the tests)").isDirectory();
        return dir;
    }
}
