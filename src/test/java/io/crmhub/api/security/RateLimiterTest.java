package io.crmhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.partner.PartnerProperties;
import io.crmhub.partner.PartnerProperties.RateLimit;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per partner, on a clock the test moves. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(new PartnerProperties("classpath:none", 1000,
            new RateLimit(2, 3), 65536, 0, 5000, true, 0), now::get);

    @Test
    void aBurstIsAllowedThenTheRateWithRetryAfterInWholeSeconds() {
        Partner acme = new Partner("acme", "k", Set.of(), null);
        assertThat(limiter.retryAfterSeconds(acme)).isZero();
        assertThat(limiter.retryAfterSeconds(acme)).isZero();
        assertThat(limiter.retryAfterSeconds(acme)).isZero();
        assertThat(limiter.retryAfterSeconds(acme)).isEqualTo(1);
        now.addAndGet(500_000_000L); // half a second at 2/s: one token
        assertThat(limiter.retryAfterSeconds(acme)).isZero();
        assertThat(limiter.retryAfterSeconds(acme)).isEqualTo(1);
    }

    @Test
    void partnersHaveTheirOwnBucketsAndTheirOwnLimits() {
        Partner slow = new Partner("slow", "k", Set.of(), new RateLimit(0.1, 1));
        Partner other = new Partner("other", "k", Set.of(), null);
        assertThat(limiter.retryAfterSeconds(slow)).isZero();
        assertThat(limiter.retryAfterSeconds(slow)).isEqualTo(10);
        assertThat(limiter.retryAfterSeconds(other)).isZero();
    }
}
