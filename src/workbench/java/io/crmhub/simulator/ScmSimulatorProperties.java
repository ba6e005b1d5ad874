package io.crmhub.simulator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo SCM ({@code hub.simulator.scm.*}), for the local default and the tests only.
 *
 * @param enabled          publish shipment events for the demo ERP's orders on the SCM topic
 * @param eventsPerSecond  steady trickle of shipment events (created, dispatched, in transit, delivered)
 * @param malformedPercent share of messages the "SCM" gets wrong (not JSON, no shipment number), for the dead letter
 */
@Validated
@ConfigurationProperties("hub.simulator.scm")
public record ScmSimulatorProperties(
        boolean enabled,
        @PositiveOrZero double eventsPerSecond,
        @PositiveOrZero @Max(100) double malformedPercent) {}
