package io.crmhub.canonical;

import java.math.BigDecimal;

/**
 * One line of an order.
 *
 * @param order       the order it belongs to, as a source record reference
 * @param lineNumber  position within the order
 * @param sku         product code
 * @param description product description
 * @param quantity    ordered quantity (positive)
 * @param unitPrice   price per unit in the order's currency
 * @param amount      line amount in the order's currency
 * @param unitCost    cost per unit in the order's currency, when the source knows it (margin KPIs); else null
 */
public record OrderLine(
        EntityRef order,
        int lineNumber,
        String sku,
        String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal amount,
        BigDecimal unitCost) {}
