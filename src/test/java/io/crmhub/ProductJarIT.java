package io.crmhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged product (failsafe runs after {@code package}): the Spring Boot jar in target/ holds the hub and none of
 * the workbench (src/README.md), neither a class of a workbench package nor any file of target/workbench-classes.
 * {@link WorkbenchBoundaryTest} checks the same on the classes directory the jar and the image are made of.
 */
class ProductJarIT {

    @Test
    void theProductJarHoldsNoWorkbenchFile() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("crm-hub-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/crm-hub-*.jar: run mvn package first"));
        }
        List<String> workbenchDirs = Stream.of(WorkbenchBoundaryTest.WORKBENCH_PACKAGES)
                .map(p -> "BOOT-INF/classes/" + p.replace("..", "").replace('.', '/') + "/").toList();
        Path workbench = WorkbenchBoundaryTest.workbenchClasses();
        try (JarFile product = new JarFile(jar.toFile()); Stream<Path> walk = Files.walk(workbench)) {
            // files only: an incremental build may leave an empty directory of a moved package behind
            List<String> entries = product.stream().filter(entry -> !entry.isDirectory()).map(ZipEntry::getName)
                    .toList();
            assertThat(entries).as("%s is the hub's Spring Boot jar", jar)
                    .contains("BOOT-INF/classes/io/crmhub/CrmHubApplication.class");
            assertThat(entries).as("classes of a workbench package in %s", jar)
                    .filteredOn(entry -> workbenchDirs.stream().anyMatch(entry::startsWith)).isEmpty();
            List<String> workbenchFiles = walk.filter(Files::isRegularFile).map(workbench::relativize)
                    .filter(file -> !file.startsWith("META-INF")).map(file -> "BOOT-INF/classes/" + file.toString()
                            .replace(java.io.File.separatorChar, '/')).toList();
            assertThat(workbenchFiles).isNotEmpty();
            assertThat(workbenchFiles).as("workbench files in %s", jar).filteredOn(entries::contains).isEmpty();
        }
    }
}
