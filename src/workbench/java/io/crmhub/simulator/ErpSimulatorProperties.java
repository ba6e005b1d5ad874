package io.crmhub.simulator;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo ERP ({@code hub.simulator.erp.*}), for the local default and the tests only.
 *
 * @param enabled          create the demo ERP schema, seed it and keep changing it
 * @param changesPerSecond steady trickle of inserts, updates and deletes; 0 turns the trickle off
 * @param seedCustomers    customers inserted when the ERP is empty
 * @param seedOrders       about this many orders over the seeded history (with lines and receipts), inserted when
 *                         the ERP is empty
 * @param badRowPercent    share of trickled payments typed wrongly by "finance" (shows the dead letter)
 */
@Validated
@ConfigurationProperties("hub.simulator.erp")
public record ErpSimulatorProperties(
        boolean enabled,
        @PositiveOrZero double changesPerSecond,
        @Min(0) int seedCustomers,
        @Min(0) int seedOrders,
        @PositiveOrZero double badRowPercent) {}
