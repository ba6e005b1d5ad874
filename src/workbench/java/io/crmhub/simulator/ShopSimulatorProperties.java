package io.crmhub.simulator;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo shop ({@code hub.simulator.shop.*}), for the local default only: it drops small exports into
 * the shop inbox ({@code hub.connectors.shop.inbox}).
 *
 * @param enabled       drop files now and then
 * @param intervalMs    time between two drops (an orders CSV and a customers JSONL each time)
 * @param ordersPerFile orders per export (one to three lines each), each by a newly registered customer
 * @param badRowPercent share of rows typed wrongly (negative quantity, bad date), so rejects files appear
 */
@Validated
@ConfigurationProperties("hub.simulator.shop")
public record ShopSimulatorProperties(
        boolean enabled,
        @Min(100) long intervalMs,
        @Min(1) int ordersPerFile,
        @PositiveOrZero double badRowPercent) {}
