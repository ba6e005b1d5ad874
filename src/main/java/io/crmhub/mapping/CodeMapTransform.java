package io.crmhub.mapping;

import java.util.Map;

/**
 * {@code map}: translates a source code to a canonical value. An unknown code is an error that lists the
 * known ones, because a silently passed-through code would break the canonical enum downstream.
 */
final class CodeMapTransform implements Transform {

    private final Map<String, String> values;

    CodeMapTransform(TransformArgs args) {
        this.values = args.allow("values").stringMap("values");
    }

    Map<String, String> values() {
        return values;
    }

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (value == null) {
            return null;
        }
        String mapped = values.get(TextTransforms.text(value));
        if (mapped == null) {
            throw context.reject(value, "is not one of " + String.join(", ", values.keySet()));
        }
        return mapped;
    }
}
