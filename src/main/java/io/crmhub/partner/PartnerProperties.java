package io.crmhub.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Partner REST and SOAP API ({@code hub.partners.*}); see docs/partner-api.md.
 *
 * @param credentials      Spring resource of the partner credentials file (API key hashes, scopes, rate limits);
 *                         a missing file means no partner can call (logged, and looked for again)
 * @param reloadIntervalMs how often the credentials file is re-read; a changed file applies without a restart
 * @param rateLimit        default per-partner token bucket, unless the partner's entry says otherwise
 * @param maxRequestBytes  largest request body accepted on /api and /soap (413 above)
 * @param upsertWaitMs     how long an upsert waits for the store to apply and link it before answering 202
 * @param publishTimeoutMs how long publishing a partner's change to Kafka may take before the caller gets 503
 * @param requireIfMatch   updating an existing partner record needs If-Match / expectedVersion (428 without)
 * @param readCacheMb      golden customers kept rendered as JSON for partner reads, by golden id and version, at
 *                         most this many MiB per hub instance (least recently read dropped first); 0 renders every
 *                         read. Every read still asks the store for the current version, so this is never stale
 */
@Validated
@ConfigurationProperties("hub.partners")
public record PartnerProperties(
        @NotBlank String credentials,
        @Min(100) long reloadIntervalMs,
        @Valid @NotNull RateLimit rateLimit,
        @Min(1024) long maxRequestBytes,
        @Min(0) long upsertWaitMs,
        @Min(100) long publishTimeoutMs,
        boolean requireIfMatch,
        @DefaultValue("128") @Min(0) int readCacheMb) {

    /**
     * @param requestsPerSecond sustained requests per second per partner (per hub pod)
     * @param burst             requests a partner may make at once after being idle
     */
    public record RateLimit(@Positive double requestsPerSecond, @Min(1) int burst) {}
}
