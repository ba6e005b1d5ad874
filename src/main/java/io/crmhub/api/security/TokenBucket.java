package io.crmhub.api.security;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. Time is passed in (nanoseconds)
 * so that the arithmetic is testable without waiting.
 */
final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** @return 0 if a token was taken, else the nanoseconds until one will be there */
    synchronized long tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    boolean sameRate(double perSecond, int burst) {
        return perNano == perSecond / 1e9 && capacity == burst;
    }
}
