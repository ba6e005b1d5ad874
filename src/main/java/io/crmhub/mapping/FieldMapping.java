package io.crmhub.mapping;

import java.lang.reflect.Type;
import java.util.List;

/**
 * A compiled, checked field of a mapping: how one canonical field (or nested record) is filled.
 *
 * @param name       canonical field name (record component)
 * @param context    field label, PII flag and system, passed to transforms for their error messages
 * @param from       source columns; empty when {@code constant} or {@code children} is used
 * @param constant   a fixed value, or null
 * @param transforms applied in order
 * @param required   missing after the transforms is an error
 * @param list       the canonical field is a list
 * @param children   fields of a nested record, or empty
 * @param targetType the canonical component's generic type
 * @param dropInvalid an invalid value is left out (and reported) instead of rejecting the record
 */
record FieldMapping(String name, FieldContext context, List<String> from, Object constant,
                    List<Transform> transforms, boolean required, boolean list,
                    List<FieldMapping> children, Type targetType, boolean dropInvalid) {

    boolean isObject() {
        return !children.isEmpty();
    }
}
