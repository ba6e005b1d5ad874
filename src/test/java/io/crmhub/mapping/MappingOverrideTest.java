package io.crmhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Kubernetes the mappings ConfigMaps are mounted under {@code /etc/crm-hub/mappings/<system>/} and listed after
 * the packaged copies: a mounted file replaces the packaged file of the same name, the rest stay packaged.
 */
class MappingOverrideTest {

    private static final String PACKAGED = "classpath*:mappings/**/*.yaml";

    @TempDir
    Path dir;

    @Test
    void aMountedFileReplacesThePackagedFileOfTheSameName() throws Exception {
        Path erp = Files.createDirectories(dir.resolve("mappings/erp"));
        String packaged = Files.readString(Path.of("mappings/erp/customers.yaml"));
        Files.writeString(erp.resolve("customers.yaml"), packaged.replace("version: 1", "version: 7"));

        MappingEngine engine = MappingEngine.load(PACKAGED + ", " + mounted());

        assertThat(engine.mappingVersion("erp", "customers")).isEqualTo("erp-customers@7");
        assertThat(engine.mappingVersion("erp", "sales_orders")).isEqualTo("erp-sales-orders@1");
        assertThat(engine.sources()).isEqualTo(MappingEngine.load(PACKAGED).sources());
    }

    @Test
    void withoutAMountedFolderThePackagedMappingsAreUsed() throws Exception {
        MappingEngine engine = MappingEngine.load(PACKAGED + ", " + mounted());

        assertThat(engine.mappingVersion("erp", "customers")).isEqualTo("erp-customers@1");
    }

    @Test
    void configMapVolumeInternalsAreNotReadTwice() throws Exception {
        // a ConfigMap volume: the real file in "..<timestamp>/", a link to it where the pattern looks
        Path erp = Files.createDirectories(dir.resolve("mappings/erp"));
        Path data = Files.createDirectories(erp.resolve("..2026_01_01_00_00_00.000000001"));
        Files.writeString(data.resolve("customers.yaml"), Files.readString(Path.of("mappings/erp/customers.yaml")));
        Files.createSymbolicLink(erp.resolve("customers.yaml"), data.resolve("customers.yaml"));

        MappingEngine engine = MappingEngine.load(PACKAGED + ", file:" + dir + "/mappings/**/*.yaml");

        assertThat(engine.mappingVersion("erp", "customers")).isEqualTo("erp-customers@1");
    }

    private String mounted() {
        return "file:" + dir + "/mappings/*/*.yaml";
    }
}
