package io.crmhub.canonical;

import java.util.Arrays;

/** The canonical entities; each has its own Kafka topic and store table. */
public enum EntityType {
    CUSTOMER("customer"),
    ORDER("order"),
    ORDER_LINE("order-line"),
    PAYMENT("payment"),
    INTERACTION("interaction"),
    SHIPMENT("shipment");

    private final String id;

    EntityType(String id) {
        this.id = id;
    }

    /** Stable lower-case name used in event types, topic names and mapping files. */
    public String id() {
        return id;
    }

    public static EntityType fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown canonical entity '" + id + "'"));
    }
}
