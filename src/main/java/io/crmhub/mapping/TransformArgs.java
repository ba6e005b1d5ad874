package io.crmhub.mapping;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The arguments a mapping file gives one transform. Unknown argument names are rejected so that a typo
 * such as {@code regoin} fails at load time instead of silently using the default.
 */
record TransformArgs(String transform, Map<String, Object> values) {

    TransformArgs {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static TransformArgs none(String transform) {
        return new TransformArgs(transform, Map.of());
    }

    TransformArgs allow(String... names) {
        Set<String> allowed = Set.of(names);
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("transform '" + transform + "' has no argument '" + name
                        + "'" + (allowed.isEmpty() ? "" : " (allowed: " + String.join(", ", names) + ")"));
            }
        }
        return this;
    }

    String string(String name, String fallback) {
        Object value = values.get(name);
        return value == null ? fallback : value.toString();
    }

    String requiredString(String name) {
        String value = string(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("transform '" + transform + "' needs argument '" + name + "'");
        }
        return value;
    }

    BigDecimal decimal(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transform '" + transform + "' argument '" + name
                    + "' is not a number: " + value);
        }
    }

    /** A map argument with its keys and values as strings (YAML turns keys like 1 or true into non-strings). */
    Map<String, String> stringMap(String name) {
        if (!(values.get(name) instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException("transform '" + transform + "' needs a non-empty map '" + name + "'");
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : v.toString()));
        return result;
    }
}
