package io.crmhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The folder READMEs say they list every route file and every mapping folder; this holds them to it, because a
 * reader trusts a table that looks complete. Rows are table lines starting with the name in backticks.
 */
class DocsListingTest {

    /** A table row's first cell: {@code | `name`} or {@code | `name/`}, the name without the slash. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)/?`", Pattern.MULTILINE);

    @Test
    void everyRouteFileHasItsRowInRoutesReadmeAndEveryRowItsFile() throws IOException {
        Set<String> files;
        try (Stream<Path> paths = Files.list(Path.of("routes"))) {
            files = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml"))
                    .map(n -> n.substring(0, n.length() - ".camel.yaml".length())).collect(Collectors.toSet());
        }
        Set<String> rows = rows(Path.of("routes", "README.md"));

        assertThat(files).isNotEmpty();
        assertThat(rows).as("routes/README.md rows (route ids = file stems)").containsAll(files);
        assertThat(files).as("route files under routes/").containsAll(rows);
    }

    @Test
    void everyMappingFolderHasItsRowInMappingsReadmeAndEveryRowItsFolder() throws IOException {
        Set<String> folders;
        try (Stream<Path> paths = Files.list(Path.of("mappings"))) {
            folders = paths.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<String> rows = rows(Path.of("mappings", "README.md"), "## Folders");

        assertThat(folders).isNotEmpty();
        assertThat(rows).as("mappings/README.md, section Folders").containsAll(folders);
        assertThat(folders).as("folders under mappings/").containsAll(rows);
    }

    private static Set<String> rows(Path readme) throws IOException {
        return rows(readme, null);
    }

    /** First-cell names of the table rows, of the whole file or of one section (up to the next heading). */
    private static Set<String> rows(Path readme, String section) throws IOException {
        String text = Files.readString(readme);
        if (section != null) {
            int start = text.indexOf(section + "\n");
            assertThat(start).as(readme + " has a section " + section).isNotNegative();
            int end = text.indexOf("\n#", start + section.length());
            text = text.substring(start, end < 0 ? text.length() : end);
        }
        Matcher m = ROW.matcher(text);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return Set.copyOf(names);
    }
}
