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
 * The folder READMEs say they list every route file, mapping folder and connector folder, and docs/README.md every
 * write-up; this holds them to it, because a reader trusts a table that looks complete. Rows are table lines starting
 * with the name in backticks. And every relative link of the Markdown files points to a file that exists (and to a
 * heading of it, when it names one), so moving a section cannot leave a link behind.
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
        Set<String> folders = folders(Path.of("mappings"));
        Set<String> rows = rows(Path.of("mappings", "README.md"), "## Folders");

        assertThat(folders).isNotEmpty();
        assertThat(rows).as("mappings/README.md, section Folders").containsAll(folders);
        assertThat(folders).as("folders under mappings/").containsAll(rows);
    }

    @Test
    void everyConnectorFolderHasItsRowInConnectorsReadmeAndEveryRowItsFolder() throws IOException {
        Set<String> folders = folders(Path.of("connectors"));
        Set<String> rows = names(Path.of("connectors", "README.md"), LINK_ROW);

        assertThat(folders).isNotEmpty();
        assertThat(rows).as("connectors/README.md rows").containsAll(folders);
        assertThat(folders).as("folders under connectors/").containsAll(rows);
    }

    @Test
    void everyWriteUpInDocsIsListedInDocsReadme() throws IOException {
        Set<String> files;
        try (Stream<Path> paths = Files.list(Path.of("docs"))) {
            files = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .collect(Collectors.toSet());
        }
        Set<String> linked = new java.util.HashSet<>();
        for (Link link : links(Path.of("docs", "README.md"))) {
            linked.add(link.target());
        }

        assertThat(files).isNotEmpty();
        assertThat(linked).as("links of docs/README.md").containsAll(files);
    }

    @Test
    void everyRelativeLinkOfTheDocsPointsToAnExistingFileAndHeading() throws IOException {
        List<Path> markdown = new java.util.ArrayList<>(List.of(Path.of("README.md")));
        for (String folder : List.of("docs", "routes", "connectors", "mappings", "src", "k8s")) {
            try (Stream<Path> paths = Files.walk(Path.of(folder))) {
                paths.filter(p -> p.toString().endsWith(".md")).forEach(markdown::add);
            }
        }
        List<String> broken = new java.util.ArrayList<>();
        int checked = 0;
        for (Path file : markdown) {
            for (Link link : links(file)) {
                checked++;
                Path target = link.target().isEmpty() ? file
                        : file.toAbsolutePath().getParent().resolve(link.target()).normalize();
                if (!Files.exists(target)) {
                    broken.add(file + ": " + link + " (no such file)");
                } else if (link.anchor() != null && target.toString().endsWith(".md")
                        && !anchors(target).contains(link.anchor())) {
                    broken.add(file + ": " + link + " (no such heading)");
                }
            }
        }

        assertThat(checked).isGreaterThan(50);
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    /** A relative Markdown link {@code [text](target#anchor)}; target empty for {@code (#anchor)}. */
    private record Link(String target, String anchor) {
        @Override
        public String toString() {
            return "(" + target + (anchor == null ? "" : "#" + anchor) + ")";
        }
    }

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern LINK_ROW = Pattern.compile("^\\| \\[`([a-z0-9-]+)/?`\\]", Pattern.MULTILINE);

    /** The relative links of a Markdown file, outside fenced code blocks. */
    private static List<Link> links(Path file) throws IOException {
        List<Link> links = new java.util.ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                String uri = m.group(1);
                if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue;
                }
                int hash = uri.indexOf('#');
                links.add(hash < 0 ? new Link(uri, null) : new Link(uri.substring(0, hash), uri.substring(hash + 1)));
            }
        }
        return links;
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new java.util.HashSet<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(file)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !line.startsWith("#")) {
                continue;
            }
            String slug = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }

    private static Set<String> names(Path readme, Pattern row) throws IOException {
        Matcher m = row.matcher(Files.readString(readme));
        Set<String> names = new java.util.HashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
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

    private static Set<String> folders(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
