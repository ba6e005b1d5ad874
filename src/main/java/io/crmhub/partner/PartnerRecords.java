package io.crmhub.partner;

import io.crmhub.ops.deadletter.DeadLetterStore;
import io.crmhub.partner.PartnerException.Reason;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Versions of partner customer records ({@code partner_customer}). Each accepted write takes the next version
 * under a row lock, checked against the partner's precondition. The version is the change's source sequence:
 * the store applies a partner's writes in the order they were accepted here, whatever order they reach Kafka in.
 */
@Repository
public class PartnerRecords {

    /** @param version the version this write will carry; @param created whether the record is new */
    public record Reservation(long version, boolean created) {}

    /** A partner record and how far the store has got with it. */
    /**
     * @param failure the reason the store refused the latest write (its dead letter, recorded after the write was
     *                accepted and not replayed since), or null
     */
    public record Status(long version, Long appliedSequence, UUID goldenId, String failure) {

        public Status(long version, Long appliedSequence, UUID goldenId) {
            this(version, appliedSequence, goldenId, null);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final DeadLetterStore deadLetters;

    PartnerRecords(NamedParameterJdbcTemplate jdbc, DeadLetterStore deadLetters) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
    }

    @Transactional
    public Reservation reserve(String partner, String key, Precondition pre, boolean requireIfMatch) {
        MapSqlParameterSource id = new MapSqlParameterSource(Map.of("partner", partner, "key", key));
        List<Long> current = jdbc.queryForList("SELECT version FROM partner_customer WHERE partner_id = :partner "
                + "AND partner_key = :key FOR UPDATE", id, Long.class);
        if (current.isEmpty()) {
            if (pre.expectsExisting()) {
                throw new PartnerException(Reason.VERSION_MISMATCH, null, "customer " + key + " of partner "
                        + partner + " does not exist, so no version can match");
            }
            int inserted = jdbc.update("INSERT INTO partner_customer (partner_id, partner_key, version) "
                    + "VALUES (:partner, :key, 1) ON CONFLICT DO NOTHING", id);
            if (inserted == 1) {
                return new Reservation(1, true);
            }
            // created by a concurrent write an instant ago: this one is an update now
            current = jdbc.queryForList("SELECT version FROM partner_customer WHERE partner_id = :partner "
                    + "AND partner_key = :key FOR UPDATE", id, Long.class);
        }
        long version = current.get(0);
        check(partner, key, version, pre, requireIfMatch);
        jdbc.update("UPDATE partner_customer SET version = version + 1, updated_at = clock_timestamp() "
                + "WHERE partner_id = :partner AND partner_key = :key", id);
        return new Reservation(version + 1, false);
    }

    private static void check(String partner, String key, long version, Precondition pre, boolean requireIfMatch) {
        String record = "customer " + key + " of partner " + partner;
        if (pre.createOnly()) {
            throw new PartnerException(Reason.ALREADY_EXISTS, null, record + " exists already (version " + version
                    + ")");
        }
        if (requireIfMatch && !pre.expectsExisting()) {
            throw new PartnerException(Reason.VERSION_REQUIRED, null, record + " exists (version " + version
                    + "): send the version you last read or wrote (If-Match) to update it");
        }
        if (pre.expectedVersion() != null && pre.expectedVersion() != version) {
            throw new PartnerException(Reason.VERSION_MISMATCH, null, record + " is at version " + version
                    + ", not " + pre.expectedVersion() + ": read it again and retry");
        }
    }

    /**
     * The record's version, how far the store has got with it (its customer record's sequence and identity link, read
     * from the store's and identity's published read model) and, from the dead-letter owner, why the store refused
     * the latest write, if it did.
     */
    public java.util.Optional<Status> status(String partner, String key) {
        return jdbc.query("""
                SELECT p.version, r.source_sequence, l.golden_id, p.updated_at
                FROM partner_customer p
                LEFT JOIN customer_record r ON r.source_system = 'partner:' || p.partner_id
                     AND r.source_entity = 'customers' AND r.source_key = p.partner_key
                LEFT JOIN identity_link l ON l.source_system = r.source_system
                     AND l.source_entity = r.source_entity AND l.source_key = r.source_key
                WHERE p.partner_id = :partner AND p.partner_key = :key
                """, new MapSqlParameterSource(Map.of("partner", partner, "key", key)), (rs, n) -> new Row(
                rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)))
                .stream().findFirst().map(row -> new Status(row.version(), row.appliedSequence(),
                        row.goldenId() == null ? null : UUID.fromString(row.goldenId()),
                        deadLetters.openReason("partner:" + partner, "customers", key, row.updatedAt())
                                .orElse(null)));
    }

    private record Row(long version, Long appliedSequence, String goldenId, OffsetDateTime updatedAt) {}
}
