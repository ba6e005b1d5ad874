package io.crmhub.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one entry of a field's {@code transforms} list: {@code trim} or {@code {phone: {region: CN}}}. */
final class TransformSpecs {

    private TransformSpecs() {}

    static Transform create(Object spec) {
        if (spec instanceof String name) {
            return Transforms.create(name);
        }
        if (spec instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            String name = String.valueOf(entry.getKey());
            if (entry.getValue() == null) {
                return Transforms.create(name);
            }
            if (entry.getValue() instanceof Map<?, ?> args) {
                Map<String, Object> named = new LinkedHashMap<>();
                args.forEach((k, v) -> named.put(String.valueOf(k), v));
                return Transforms.create(name, named);
            }
            throw new IllegalArgumentException("arguments of transform '" + name + "' must be a map, e.g. {"
                    + name + ": {arg: value}}");
        }
        throw new IllegalArgumentException("a transform is a name or {name: {arg: value}}, not " + spec);
    }
}
