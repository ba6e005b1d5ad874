package io.crmhub.identity.golden;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete, valid survivorship.yaml in which a test replaces the fields it is about, so each test states only
 * the rule it exercises.
 */
final class RulesYaml {

    private final Map<String, String> fields = new LinkedHashMap<>();

    private RulesYaml() {
        for (GoldenField field : GoldenField.values()) {
            fields.put(field.yamlName(), field.list() ? "{rule: union, order: most-recent}" : "{rule: most-recent}");
        }
    }

    static RulesYaml base() {
        return new RulesYaml();
    }

    /** Replaces a field's rule with inline YAML, e.g. {@code "{rule: most-complete}"}; null removes the field. */
    RulesYaml with(String field, String inlineRule) {
        if (inlineRule == null) {
            fields.remove(field);
        } else {
            fields.put(field, inlineRule);
        }
        return this;
    }

    String text() {
        StringBuilder yaml = new StringBuilder("version: 1\nfields:\n");
        fields.forEach((field, rule) -> yaml.append("  ").append(field).append(": ").append(rule).append('\n'));
        return yaml.toString();
    }

    InputStream stream() {
        return new ByteArrayInputStream(text().getBytes(StandardCharsets.UTF_8));
    }

    Survivorship survivorship() {
        try {
            return Survivorship.read(stream());
        } catch (IOException e) {
            throw new AssertionError("test rules do not load: " + e.getMessage(), e);
        }
    }
}
