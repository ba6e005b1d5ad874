package io.crmhub.mapping;

/**
 * A mapping file that cannot work: unknown transform, unknown canonical field, missing {@code from}…
 * Unchecked, because it is a deployment error that must stop the hub at start-up, not a data error.
 */
public class MappingDefinitionException extends RuntimeException {

    public MappingDefinitionException(String file, String field, String problem) {
        super(file + (field == null ? "" : ": field '" + field + "'") + ": " + problem);
    }

    public MappingDefinitionException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
