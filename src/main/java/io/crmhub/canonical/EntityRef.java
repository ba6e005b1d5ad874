package io.crmhub.canonical;

/** A reference from one canonical record to another record of the same source system, by source key. */
public record EntityRef(String system, String entity, String key) {

    public String qualifiedKey() {
        return system + ":" + entity + ":" + key;
    }
}
