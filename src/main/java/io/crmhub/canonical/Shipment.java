package io.crmhub.canonical;

import java.time.Instant;

/**
 * A shipment from the SCM system. SCM knows orders by their business number, not by the ERP's key, so
 * the link to the order is the order number (matched against {@link Order#orderNumber()}).
 *
 * @param shipmentNumber the shipment's number in SCM
 * @param orderNumber    the order shipped, by business order number
 * @param carrier        carrier name or code
 * @param trackingNumber carrier tracking number
 * @param status         where the shipment is
 * @param shippedAt      when it left the warehouse
 * @param deliveredAt    when it was delivered
 */
public record Shipment(
        String shipmentNumber,
        String orderNumber,
        String carrier,
        String trackingNumber,
        Status status,
        Instant shippedAt,
        Instant deliveredAt) {

    public enum Status { CREATED, SHIPPED, IN_TRANSIT, DELIVERED, RETURNED, CANCELLED }
}
