package io.crmhub.api.security;

import io.crmhub.partner.PartnerProperties;
import io.crmhub.partner.PartnerProperties.RateLimit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per partner, in this pod's memory: with n pods a partner gets up to n times its rate, which
 * is what the limit is for (protect the hub and its database from one partner), not billing. A partner's own
 * limit from the credentials file wins over {@code hub.partners.rate-limit}; a changed limit starts a new bucket.
 */
final class RateLimiter {

    private final RateLimit defaults;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(PartnerProperties properties, LongSupplier nanoTime) {
        this.defaults = properties.rateLimit();
        this.nanoTime = nanoTime;
    }

    /** @return 0 when the partner may go ahead, else how many whole seconds it should wait (at least 1) */
    long retryAfterSeconds(Partner partner) {
        RateLimit limit = partner.rateLimit() == null ? defaults : partner.rateLimit();
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.get(partner.id());
        if (bucket == null || !bucket.sameRate(limit.requestsPerSecond(), limit.burst())) {
            bucket = buckets.compute(partner.id(), (id, current) ->
                current != null && current.sameRate(limit.requestsPerSecond(), limit.burst()) ? current
                        : new TokenBucket(limit.requestsPerSecond(), limit.burst(), now));
        }
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
