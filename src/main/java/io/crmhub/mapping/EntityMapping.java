package io.crmhub.mapping;

import io.crmhub.canonical.EntityType;
import java.util.List;

/**
 * A compiled mapping of one source entity to one canonical record type.
 *
 * @param id         mapping id from the file
 * @param version    mapping version from the file
 * @param system     source system it reads
 * @param entity     source entity it reads
 * @param target     canonical entity it produces
 * @param recordType the canonical record class
 * @param fields     how each canonical field is filled
 * @param file       where it was loaded from, for diagnostics
 */
record EntityMapping(String id, int version, String system, String entity, EntityType target,
                     Class<? extends Record> recordType, List<FieldMapping> fields, String file) {

    String mappingVersion() {
        return id + "@" + version;
    }

    String sourceKey() {
        return system + "/" + entity;
    }
}
