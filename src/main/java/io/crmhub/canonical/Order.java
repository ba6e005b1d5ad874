package io.crmhub.canonical;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A sales order header. Lines travel as their own {@link OrderLine} events because sources change them
 * independently (one ERP row per line).
 *
 * @param orderNumber the order number humans use
 * @param customer    the ordering customer, as a source record reference
 * @param channel     where the order was placed
 * @param orderDate   business date of the order
 * @param status      lifecycle of the order
 * @param currency    ISO 4217 code
 * @param totalAmount order total in {@code currency}
 */
public record Order(
        String orderNumber,
        EntityRef customer,
        Channel channel,
        LocalDate orderDate,
        OrderStatus status,
        String currency,
        BigDecimal totalAmount) {

    public enum Channel { ERP, SHOP, PARTNER }

    public enum OrderStatus { DRAFT, CONFIRMED, SHIPPED, COMPLETED, CANCELLED }
}
