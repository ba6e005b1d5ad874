package io.crmhub.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityRef;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A golden customer's orders, payments and interactions, from every source, through the golden views
 * ({@code order_golden} …): they follow merges and unmerges the moment those commit. Records a source deleted
 * are left out. Newest first.
 */
@Service
public class CustomerActivity {

    /** The three kinds of activity and how each is ordered, newest first. */
    public enum Kind {
        ORDERS("order_golden", "order_date DESC NULLS LAST, occurred_at DESC"),
        PAYMENTS("payment_golden", "paid_at DESC NULLS LAST, occurred_at DESC"),
        INTERACTIONS("interaction_golden", "opened_at DESC NULLS LAST, occurred_at DESC");

        private final String view;
        private final String order;

        Kind(String view, String order) {
            this.view = view;
            this.order = order;
        }
    }

    /** One record: where it comes from and its canonical payload (Order, Payment or Interaction shape). */
    public record Item(EntityRef source, JsonNode record) {}

    /** A page; {@code hasMore} says whether the next page has anything. */
    public record Page(UUID goldenId, int page, int size, boolean hasMore, List<Item> items) {}

    private final NamedParameterJdbcTemplate jdbc;

    CustomerActivity(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page list(Kind kind, UUID goldenId, int page, int size) {
        if (size < 1 || size > CustomerSearch.MAX_SIZE) {
            throw PartnerException.invalid("size", "must be between 1 and " + CustomerSearch.MAX_SIZE);
        }
        if (page < 0 || (long) page * size > CustomerSearch.MAX_OFFSET) {
            throw PartnerException.invalid("page", "must be 0 or more, and page × size at most "
                    + CustomerSearch.MAX_OFFSET);
        }
        List<Item> items = jdbc.query("SELECT source_system, source_entity, source_key, payload::text AS payload FROM "
                        + kind.view + " WHERE golden_id = :golden AND deleted_at IS NULL ORDER BY " + kind.order
                        + ", source_system, source_key LIMIT :limit OFFSET :offset",
                new MapSqlParameterSource(Map.of("golden", goldenId, "limit", size + 1, "offset", page * size)),
                (rs, n) -> new Item(new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3)),
                        read(rs.getString(4))));
        boolean more = items.size() > size;
        return new Page(goldenId, page, size, more, more ? List.copyOf(items.subList(0, size)) : items);
    }

    private static JsonNode read(String json) {
        try {
            return json == null ? null : CanonicalJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored payload is not JSON", e);
        }
    }
}
