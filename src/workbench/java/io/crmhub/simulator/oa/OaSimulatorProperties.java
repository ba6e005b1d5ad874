package io.crmhub.simulator.oa;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo OA SOAP server ({@code hub.simulator.oa.*}), for the local default and the tests only.
 *
 * @param enabled          start the OA SOAP server with the hub
 * @param port             its HTTP port (own port, not the API port)
 * @param username         HTTP Basic user it accepts
 * @param password         HTTP Basic password it accepts
 * @param token            token it also accepts in the {@code X-OA-Token} header (empty: tokens refused)
 * @param seedContacts     contacts created at start, re-spelled from ERP customers
 * @param changesPerSecond steady trickle of new and progressing tickets, visits and surveys; 0 turns it off
 * @param historyDays      days of past tickets, surveys and visits seeded at start (3 tickets and 2 visits per
 *                         seeded contact); 0 seeds none
 */
@Validated
@ConfigurationProperties("hub.simulator.oa")
public record OaSimulatorProperties(
        boolean enabled,
        @Min(0) @Max(65535) int port,
        String username,
        String password,
        String token,
        @Min(0) int seedContacts,
        @PositiveOrZero double changesPerSecond,
        @PositiveOrZero int historyDays) {}
