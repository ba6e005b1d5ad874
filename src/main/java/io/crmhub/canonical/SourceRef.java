package io.crmhub.canonical;

/**
 * Where a canonical event came from.
 *
 * @param system   source system id, e.g. {@code erp}
 * @param entity   source entity (table, SOAP type, file kind), e.g. {@code customers}
 * @param key      the record's key in that system, e.g. {@code 42}
 * @param position the source's own position of this change (LSN, watermark, file#line), for humans and replay
 * @param sequence a number that grows with every change of the same source record; the store applies a
 *                 change only when its sequence is higher than the one it holds
 */
public record SourceRef(String system, String entity, String key, String position, long sequence) {

    /** {@code system:entity:key}, the Kafka message key and the store's identity of the source record. */
    public String qualifiedKey() {
        return system + ":" + entity + ":" + key;
    }
}
