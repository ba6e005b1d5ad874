package io.crmhub.mapping;

/**
 * One named step of a field's pipeline, configured once at load time with its arguments.
 * A transform receives null for a missing value and, except {@code default}, passes null through.
 */
@FunctionalInterface
public interface Transform {

    Object apply(Object value, FieldContext context) throws MappingException;
}
