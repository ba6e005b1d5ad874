package io.crmhub.store;

import io.crmhub.canonical.EntityType;
import java.util.List;
import java.util.Map;

/**
 * The one entity → table map of the CRM store: each canonical entity type has its record table (one row per source
 * record: payload, source sequence, soft delete). Written out here only; other packages ask {@link StoredRecords}.
 */
public final class RecordTables {

    private static final Map<EntityType, String> TABLES = Map.of(
            EntityType.CUSTOMER, "customer_record",
            EntityType.ORDER, "order_record",
            EntityType.ORDER_LINE, "order_line_record",
            EntityType.PAYMENT, "payment_record",
            EntityType.INTERACTION, "interaction_record",
            EntityType.SHIPMENT, "shipment_record");

    /** Every record table, in the entity types' declaration order. */
    static final List<String> ALL = java.util.Arrays.stream(EntityType.values()).map(TABLES::get).toList();

    private RecordTables() {}

    /** The record table of an entity type. */
    static String of(EntityType entity) {
        return TABLES.get(entity);
    }
}
