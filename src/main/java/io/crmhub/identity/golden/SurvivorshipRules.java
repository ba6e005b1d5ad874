package io.crmhub.identity.golden;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The survivorship rules as read from {@code mappings/identity/survivorship.yaml}, so ops can change which
 * source wins a field without a rebuild. Every field must be configured and unknown keys are rejected; a broken
 * file fails at start with the file and the key named.
 *
 * @param version bumped when a change alters golden values, so a restatement can say which rules applied
 * @param fields  per golden field, how it is chosen
 */
public record SurvivorshipRules(Integer version, Map<GoldenField, FieldRule> fields) {

    public static final String RESOURCE = "mappings/identity/survivorship.yaml";

    /** Keys are kebab-case in the file (tie-break, most-recent-wins), camelCase in Java, as in match-rules.yaml. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .build();

    public SurvivorshipRules {
        if (version == null || version < 1) {
            throw new IllegalArgumentException(RESOURCE + ": version: missing or below 1");
        }
        if (fields == null) {
            throw new IllegalArgumentException(RESOURCE + ": fields: missing");
        }
        EnumMap<GoldenField, FieldRule> all = new EnumMap<>(GoldenField.class);
        all.putAll(fields);
        for (GoldenField field : GoldenField.values()) {
            FieldRule rule = all.get(field);
            if (rule == null) {
                throw new IllegalArgumentException(RESOURCE + ": fields." + field.yamlName() + ": missing");
            }
            rule.check(field);
        }
        fields = Map.copyOf(all);
    }

    /** The packaged rules file. */
    public static SurvivorshipRules fromClasspath() {
        try (InputStream in = SurvivorshipRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("survivorship rules not on the classpath: " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Rules from any YAML stream in the format of survivorship.yaml. */
    public static SurvivorshipRules read(InputStream yaml) throws IOException {
        try {
            return YAML.readValue(yaml, SurvivorshipRules.class);
        } catch (ValueInstantiationException e) {
            // Our own checks already name the file and the key; Jackson's wrapper would only bury them.
            throw new IOException(e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage(), e);
        } catch (JsonMappingException e) {
            throw new IOException(RESOURCE + ": " + path(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The key path of a Jackson error in file terms: fields.tax-id.rule. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
