package io.crmhub.identity.resolve;

import io.crmhub.identity.match.PairMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The identity key locks of the current transaction (PostgreSQL advisory locks on {@link LockKeys} stripes, taken in
 * stripe order, released at commit), and in which mode each is held.
 *
 * <p>Resolution locks a key exclusively only when its block is small enough to search ({@code max-block-size}): two
 * transactions that can find candidates through a key take turns on it. An oversized key (a shared office address, a
 * common name: every batch carries one) is never used to find candidates, so it is locked in shared mode and
 * concurrent batches pass each other; a transaction that treats it as searchable (its count just went under the
 * limit) locks it exclusively and so still waits for them. A key may find candidates only when its stripe is held
 * exclusively ({@link #searchable}): a transaction never upgrades a shared lock it holds (two holders upgrading at
 * once would deadlock), it treats the key as oversized for the rest of the transaction instead.
 */
@Component
class IdentityLocks {

    private final NamedParameterJdbcTemplate jdbc;
    private final int maxBlockSize;

    IdentityLocks(NamedParameterJdbcTemplate jdbc, PairMatcher matcher) {
        this.jdbc = jdbc;
        this.maxBlockSize = matcher.rules().blocking().maxBlockSize();
    }

    /**
     * Locks the keys' stripes not held yet: exclusively where a key's block can be searched, judged by its count
     * read in the same round trip, shared where every key of the stripe is oversized.
     */
    void lockForResolution(Collection<String> keys) {
        Map<Long, List<String>> wanted = notHeld(keys);
        if (wanted.isEmpty()) {
            return;
        }
        List<Long> stripes = new ArrayList<>();
        List<String> stripeKeys = new ArrayList<>();
        wanted.forEach((stripe, ks) -> ks.forEach(k -> {
            stripes.add(stripe);
            stripeKeys.add(k);
        }));
        Map<Long, Boolean> held = held();
        // the inner query decides each stripe's mode from the counts and sorts; the outer one locks in that order
        jdbc.query("""
                SELECT s.stripe, s.exclusive, CASE WHEN s.exclusive THEN pg_advisory_xact_lock(s.stripe)::text
                                                   ELSE pg_advisory_xact_lock_shared(s.stripe)::text END
                FROM (SELECT u.stripe, bool_or(identity_key_records(u.key) <= :max) AS exclusive
                      FROM unnest(CAST(:stripes AS bigint[]), CAST(:keys AS text[])) AS u(stripe, key)
                      GROUP BY u.stripe ORDER BY u.stripe OFFSET 0) s
                """, new MapSqlParameterSource("stripes", stripes.toArray(Long[]::new))
                        .addValue("keys", stripeKeys.toArray(String[]::new)).addValue("max", maxBlockSize),
                rs -> {
                    held.put(rs.getLong(1), rs.getBoolean(2));
                });
    }

    /** Locks the keys' stripes exclusively (merges, unmerges, re-evaluation: they move records whatever the keys). */
    void lockExclusive(Collection<String> keys) {
        Map<Long, Boolean> held = held();
        // a stripe this transaction holds shared is upgraded here: administrative changes start their own
        // transaction, so this happens only if one is ever nested in a resolution (a deadlock then, detected)
        List<Long> stripes = keys.stream().map(LockKeys::stripe).distinct().sorted()
                .filter(s -> !Boolean.TRUE.equals(held.get(s))).toList();
        if (stripes.isEmpty()) {
            return;
        }
        jdbc.getJdbcTemplate().query("SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS k", rs -> null,
                (Object) stripes.toArray(Long[]::new));
        stripes.forEach(s -> held.put(s, true));
    }

    /** Whether the key may find candidates in this transaction: its stripe is held exclusively. */
    boolean searchable(String key) {
        Map<Long, Boolean> held = boundHeld();
        return held == null || Boolean.TRUE.equals(held.get(LockKeys.stripe(key)));
    }

    private Map<Long, List<String>> notHeld(Collection<String> keys) {
        Map<Long, Boolean> held = held();
        Map<Long, List<String>> wanted = new TreeMap<>();
        for (String key : keys) {
            long stripe = LockKeys.stripe(key);
            if (!held.containsKey(stripe)) {
                wanted.computeIfAbsent(stripe, s -> new ArrayList<>()).add(key);
            }
        }
        return wanted;
    }

    /** The stripes the current transaction holds (true: exclusively); a fresh map outside a transaction. */
    private Map<Long, Boolean> held() {
        Map<Long, Boolean> held = boundHeld();
        if (held != null) {
            return held;
        }
        held = new HashMap<>();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Map<Long, Boolean> bound = held;
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(IdentityLocks.this);
                }
            });
        }
        return held;
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Boolean> boundHeld() {
        return (Map<Long, Boolean>) TransactionSynchronizationManager.getResource(this);
    }
}
