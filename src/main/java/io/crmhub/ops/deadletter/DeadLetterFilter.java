package io.crmhub.ops.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Which dead letters: by source system and entity, reason (case-insensitive part), creation time, status or id.
 *
 * @param source  source system, e.g. {@code erp}
 * @param entity  source entity, e.g. {@code payment_receipts}
 * @param reason  text the reason contains
 * @param from    created at or after
 * @param to      created before
 * @param status  statuses (NEW, REPLAYED, FAILED_AGAIN); empty = any for listing, NEW for replay
 * @param ids     these dead letters only
 * @param limit   most rows
 */
public record DeadLetterFilter(String source, String entity, String reason, Instant from, Instant to,
                               List<String> status, List<Long> ids, Integer limit) {

    public static final List<String> STATUSES = List.of("NEW", "REPLAYED", "FAILED_AGAIN");

    public DeadLetterFilter {
        status = status == null ? List.of() : List.copyOf(status);
        ids = ids == null ? List.of() : List.copyOf(ids);
        for (String s : status) {
            if (!STATUSES.contains(s)) {
                throw new ReplayRequestException("status must be one of " + STATUSES + ", not '" + s + "'");
            }
        }
        if (limit != null && limit < 1) {
            throw new ReplayRequestException("limit must be at least 1");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ReplayRequestException("from must be before to");
        }
    }

    /** The same filter with its status defaulted for a replay, where REPLAYED is refused. */
    public DeadLetterFilter forReplay() {
        if (status.contains("REPLAYED")) {
            throw new ReplayRequestException("a REPLAYED dead letter is never replayed again");
        }
        return status.isEmpty() ? new DeadLetterFilter(source, entity, reason, from, to, List.of("NEW"), ids, limit)
                : this;
    }

    String where(MapSqlParameterSource p) {
        List<String> c = new ArrayList<>();
        add(c, p, "source_system = :source", "source", source);
        add(c, p, "source_entity = :entity", "entity", entity);
        add(c, p, "position(lower(:reason) in lower(reason)) > 0", "reason", reason);
        add(c, p, "created_at >= :from", "from", from == null ? null : java.sql.Timestamp.from(from));
        add(c, p, "created_at < :to", "to", to == null ? null : java.sql.Timestamp.from(to));
        add(c, p, "status IN (:status)", "status", status.isEmpty() ? null : status);
        add(c, p, "id IN (:ids)", "ids", ids.isEmpty() ? null : ids);
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    public int limitOr(int max) {
        return limit == null ? Math.min(100, max) : Math.min(limit, max);
    }

    private static void add(List<String> conditions, MapSqlParameterSource p, String sql, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            conditions.add(sql);
            p.addValue(name, value);
        }
    }
}
