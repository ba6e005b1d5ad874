package io.crmhub.identity.resolve;

import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The identity tables as the backfill's reconciliation counts them: the golden customer of each live, linked
 * customer record of a source entity, and the active golden customers of the whole store.
 */
@Component
public class IdentityCounts {

    private final NamedParameterJdbcTemplate jdbc;

    public IdentityCounts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Each live customer record of the source entity that has an identity link: its key and golden id, streamed. */
    public void forEachLinkedGolden(String system, String entity, BiConsumer<String, UUID> keyGolden) {
        // a join onto the store's published read model (customer_record), for its soft delete
        jdbc.query("SELECT l.source_key, l.golden_id FROM identity_link l JOIN customer_record c"
                + " USING (source_system, source_entity, source_key) WHERE l.source_system = :system"
                + " AND l.source_entity = :entity AND c.deleted_at IS NULL",
                new MapSqlParameterSource("system", system).addValue("entity", entity), rs -> {
                    keyGolden.accept(rs.getString(1), rs.getObject(2, UUID.class));
                });
    }

    /** Golden customers with status ACTIVE. */
    public long activeGoldens() {
        Long active = jdbc.queryForObject("SELECT count(*) FROM golden_customer WHERE status = 'ACTIVE'",
                new MapSqlParameterSource(), Long.class);
        return active == null ? 0 : active;
    }

    /** Fresh planner statistics for the identity tables a bulk load fills (see the backfill's reconciliation). */
    public void analyze() {
        jdbc.getJdbcTemplate().execute("ANALYZE identity_link, identity_key, golden_customer");
    }
}
