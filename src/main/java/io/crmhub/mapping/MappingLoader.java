package io.crmhub.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds and compiles mapping files. Identity rules share the {@code mappings/} folder but are a different
 * format read by identity resolution, so {@code mappings/identity/} is skipped.
 */
final class MappingLoader {

    /** Strict: an unknown key (a typo such as {@code requried}) must fail, not be ignored. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MappingLoader() {}

    /**
     * @param locations one or more comma-separated Spring resource patterns. A file found under a later pattern
     *     replaces the file of the same name ({@code mappings/<system>/<entity>.yaml}) found under an earlier one,
     *     so a mounted folder ({@code file:/etc/crm-hub/mappings/*}{@code /*.yaml}) overrides the packaged copy.
     */
    static List<EntityMapping> load(String locations) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, Resource> byName = new LinkedHashMap<>();
        for (String pattern : Arrays.stream(locations.split(",")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList()) {
            try {
                for (Resource resource : resolver.getResources(pattern)) {
                    String name = displayName(resource);
                    String path = name.replace('\\', '/');
                    // ConfigMap volumes keep their files in hidden "..<timestamp>/" folders next to the links
                    if (!path.contains("mappings/identity/") && !path.contains("/..")) {
                        byName.remove(name);
                        byName.put(name, resource);
                    }
                }
            } catch (IOException e) {
                throw new MappingDefinitionException(pattern, "cannot list mapping files", e);
            }
        }
        List<EntityMapping> result = new ArrayList<>();
        byName.forEach((name, resource) -> result.add(load(resource, name)));
        return result;
    }

    static EntityMapping load(Resource resource, String name) {
        try (InputStream in = resource.getInputStream()) {
            MappingFile file = YAML.readValue(in, MappingFile.class);
            if (file == null) {
                throw new MappingDefinitionException(name, null, "is empty");
            }
            return new MappingCompiler(name).compile(file);
        } catch (JsonProcessingException e) {
            throw new MappingDefinitionException(name, "is not a valid mapping file: " + e.getOriginalMessage()
                    + " at " + e.getLocation(), e);
        } catch (IOException e) {
            throw new MappingDefinitionException(name, "cannot be read", e);
        }
    }

    /** The path from {@code mappings/} on, or the file name: what an operator recognises. */
    static String displayName(Resource resource) {
        try {
            String url = resource.getURL().toString();
            int at = url.lastIndexOf("mappings/");
            return at >= 0 ? url.substring(at) : String.valueOf(resource.getFilename());
        } catch (IOException e) {
            return resource.getDescription();
        }
    }
}
