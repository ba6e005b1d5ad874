package io.crmhub.connector.shop;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The shop's file drop ({@code hub.connectors.shop.*}): where exports arrive and when a file counts as complete.
 *
 * @param enabled       run the inbox route (off where no shop delivers files, or another pod owns the inbox)
 * @param inbox         folder the shop drops exports into; {@code done/} and {@code error/} are created inside it
 * @param minFileAgeMs  a file is taken only once it has not been modified for this long (the completeness rule)
 * @param pollDelayMs   how often the inbox is listed
 * @param zone          time zone of timestamps written in file names ({@code orders-20240604T130000.csv})
 * @param maxLineLength longest line read; a longer one is rejected, so one missing line end cannot fill the heap
 */
@Validated
@ConfigurationProperties("hub.connectors.shop")
public record ShopConnectorProperties(
        boolean enabled,
        @NotBlank String inbox,
        @Min(0) long minFileAgeMs,
        @Min(10) long pollDelayMs,
        @NotNull ZoneId zone,
        @Min(256) int maxLineLength) {}
