package io.crmhub.identity.resolve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Folds the count differences writers append for hot keys ({@code identity_key_count_delta}, V21) into
 * {@code identity_key_count}, in a short transaction of its own, so that readers add few rows per key. Counts are
 * exact before and after a fold; folding only keeps the difference rows few. Every pod folds (route
 * {@code identity-key-counts-fold}); two folds at once move each row once.
 */
@Component
public class IdentityKeyCounts {

    private final JdbcTemplate jdbc;
    private final Counter folded;

    IdentityKeyCounts(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.folded = Counter.builder("hub.identity.key-counts.folded")
                .description("Count differences of hot identity keys folded into their count rows")
                .register(registry);
    }

    /** Moves the committed differences into the count rows; returns how many difference rows it moved. */
    public long fold() {
        Long moved = jdbc.queryForObject("SELECT identity_key_count_fold()", Long.class);
        long n = moved == null ? 0 : moved;
        folded.increment(n);
        return n;
    }
}
