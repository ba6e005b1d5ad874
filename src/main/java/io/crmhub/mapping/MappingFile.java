package io.crmhub.mapping;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One mapping file exactly as ops write it (see {@code mappings/README.md}); checked and compiled by
 * {@link MappingCompiler}. Field order is kept so error messages and docs follow the file.
 *
 * @param id      stable mapping id, e.g. {@code erp-customers}
 * @param version bumped whenever the mapping's output changes; recorded in every event
 * @param source  which source system and entity this mapping reads
 * @param target  canonical entity id: customer, order, order-line, payment
 * @param fields  canonical field name → how to fill it
 */
record MappingFile(String id, Integer version, Source source, String target,
                   LinkedHashMap<String, FieldSpec> fields) {

    record Source(String system, String entity) {}

    /**
     * @param from       source column, or several columns (a list field collects all of them, a single
     *                   field takes the first one that is not blank)
     * @param value      a constant instead of a column
     * @param transforms steps applied in order: a name, or {name: {arg: value}}
     * @param required   missing or blank after the transforms is an error
     * @param pii        personal data: masked in every error message
     * @param list       the canonical field is a list
     * @param object     a nested canonical record built from its own fields
     * @param invalid    {@code reject} (default): an invalid value rejects the whole record to the dead
     *                   letter; {@code drop}: an optional value that fails its transforms is left out and
     *                   reported as a data issue, so one junk phone does not cost a good customer
     */
    record FieldSpec(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> from,
            Object value,
            List<Object> transforms,
            boolean required,
            boolean pii,
            boolean list,
            LinkedHashMap<String, FieldSpec> object,
            String invalid) {}
}
