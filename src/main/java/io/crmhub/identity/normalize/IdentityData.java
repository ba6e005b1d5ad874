package io.crmhub.identity.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the data files under {@code mappings/identity/} from the classpath, where the build packages them,
 * so that run, test and container see the same lists and ops can change a list without touching Java.
 */
final class IdentityData {

    static final String FOLDER = "mappings/identity/";
    private static final YAMLMapper YAML = new YAMLMapper();

    private IdentityData() {}

    /** The root node of {@code mappings/identity/<file>}; a missing or broken file fails loudly at start. */
    static JsonNode read(String file) {
        String resource = FOLDER + file;
        try (InputStream in = IdentityData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("identity data file not on the classpath: " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read identity data file " + resource, e);
        }
    }

    /** The strings of a list field; a missing field is a broken file. */
    static List<String> strings(JsonNode node, String field, String file) {
        JsonNode list = required(node, field, file);
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.asText()));
        return values;
    }

    /** The string → string pairs of a mapping field. */
    static Map<String, String> pairs(JsonNode node, String field, String file) {
        Map<String, String> values = new LinkedHashMap<>();
        required(node, field, file).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    static JsonNode required(JsonNode node, String field, String file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(FOLDER + file + ": missing '" + field + "'");
        }
        return value;
    }
}
