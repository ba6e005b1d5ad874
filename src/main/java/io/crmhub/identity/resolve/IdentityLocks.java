package io.crmhub.identity.resolve;

import io.crmhub.identity.match.PairMatcher;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The identity key locks of the current transaction (PostgreSQL advisory locks on {@link LockKeys} stripes, taken in
 * stripe order, released at commit), and in which mode each is held.
 *
 * <p>Resolution locks a key exclusively unless its block is known to be oversized ({@code max-block-size}): two
 * transactions that can find candidates through a key take turns on it. An oversized key (a shared office address, a
 * common name: every batch carries one) is never used to find candidates, so it is locked in shared mode and
 * concurrent batches pass each other; a transaction that treats it as searchable locks it exclusively and so still
 * waits for them. Which keys are oversized is learnt from the counts resolution reads under the locks
 * ({@link #learn}), so choosing a mode costs no round trip; a key not seen yet is locked exclusively. A key may find
 * candidates only when its stripe is held exclusively ({@link #searchable}): a transaction never upgrades a shared
 * lock it holds (two holders upgrading at once would deadlock), it treats the key as oversized for the rest of the
 * transaction instead (a block that fell back under the limit since its count was last read, until the next read).
 */
@Component
class IdentityLocks {

    /** Oversized keys remembered at most; past it a key not remembered is locked exclusively, as a new one. */
    static final int MAX_OVERSIZED = 200_000;

    private final JdbcTemplate jdbc;
    private final int maxBlockSize;
    private final Set<String> oversized = ConcurrentHashMap.newKeySet();

    IdentityLocks(JdbcTemplate jdbc, PairMatcher matcher) {
        this.jdbc = jdbc;
        this.maxBlockSize = matcher.rules().blocking().maxBlockSize();
    }

    /**
     * Locks a batch's block keys: those its records carry and those they are leaving (term keys only feed counts,
     * which the store keeps exact by itself), in one sorted round trip as {@link #lockForResolution}. Gathered here,
     * so that a resolution that takes no locks (the in-memory preview, {@link MemoryResolution}) does not gather them.
     */
    void lockForBatch(Collection<Set<String>> carried, Collection<Set<String>> leaving) {
        Set<String> keys = new LinkedHashSet<>();
        carried.forEach(keys::addAll);
        leaving.forEach(old -> old.stream().filter(k -> !IdentityKeys.isTermKey(k)).forEach(keys::add));
        lockForResolution(keys);
    }

    /**
     * Locks the keys' stripes not held yet, in one round trip and in stripe order: shared where every key of the
     * stripe is known to be oversized, exclusively otherwise.
     */
    void lockForResolution(Collection<String> keys) {
        Map<Long, Boolean> held = held();
        TreeMap<Long, Boolean> wanted = new TreeMap<>();
        for (String key : keys) {
            long stripe = LockKeys.stripe(key);
            if (!held.containsKey(stripe)) {
                wanted.merge(stripe, !oversized.contains(key), Boolean::logicalOr);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        // a function scan over unnest yields the arrays' elements in order, one lock at a time
        jdbc.query("SELECT CASE WHEN x THEN pg_advisory_xact_lock(k)::text "
                        + "ELSE pg_advisory_xact_lock_shared(k)::text END FROM unnest(?::bigint[], ?::boolean[]) AS u(k, x)",
                rs -> null, wanted.keySet().toArray(Long[]::new), wanted.values().toArray(Boolean[]::new));
        held.putAll(wanted);
    }

    /** Remembers which of the keys are oversized, from their counts as just read under the locks. */
    void learn(Map<String, Long> counts) {
        counts.forEach((key, n) -> {
            if (n <= maxBlockSize) {
                oversized.remove(key);
            } else if (oversized.size() < MAX_OVERSIZED) {
                oversized.add(key);
            }
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
        jdbc.query("SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS k", rs -> null,
                (Object) stripes.toArray(Long[]::new));
        stripes.forEach(s -> held.put(s, true));
    }

    /** Whether the key may find candidates in this transaction: its stripe is held exclusively. */
    boolean searchable(String key) {
        Map<Long, Boolean> held = boundHeld();
        return held == null || Boolean.TRUE.equals(held.get(LockKeys.stripe(key)));
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
