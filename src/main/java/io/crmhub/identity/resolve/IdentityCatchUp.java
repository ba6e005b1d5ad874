package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links stored customer records that have no golden customer yet: records stored before identity resolution
 * was enabled (an upgrade, or {@code hub.identity.enabled=false} for a while). Each record is resolved in its
 * own transaction under the same locks as live changes, so it can run while the hub is consuming.
 */
@Service
public class IdentityCatchUp {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final IdentityResolver resolver;

    IdentityCatchUp(JdbcTemplate jdbc, TransactionTemplate tx, IdentityResolver resolver) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.resolver = resolver;
    }

    /** Resolves at most {@code limit} unlinked records, oldest first; returns how many were resolved. */
    public int resolveUnlinked(int limit) {
        List<EntityRef> unlinked = jdbc.query("""
                SELECT c.source_system, c.source_entity, c.source_key FROM customer_record c
                WHERE c.payload IS NOT NULL AND NOT EXISTS (SELECT 1 FROM identity_link l
                    WHERE l.source_system = c.source_system AND l.source_entity = c.source_entity
                      AND l.source_key = c.source_key)
                ORDER BY c.first_applied_at LIMIT ?
                """, (rs, n) -> new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3)), limit);
        unlinked.forEach(ref -> tx.executeWithoutResult(status -> resolver.resolve(ref)));
        return unlinked.size();
    }
}
