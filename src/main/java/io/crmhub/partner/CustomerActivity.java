package io.crmhub.partner;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.crmhub.canonical.EntityRef;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A golden customer's orders, payments and interactions, from every source, through the golden views
 * ({@code order_golden} …): they follow merges and unmerges the moment those commit. Records a source deleted
 * are left out. Newest first. One query per page: the golden row (exists? merged?) with the page joined to it.
 */
@Service
public class CustomerActivity {

    /** The three kinds of activity and how each is ordered, newest first. */
    public enum Kind {
        ORDERS("order_golden", "order_date"),
        PAYMENTS("payment_golden", "paid_at"),
        INTERACTIONS("interaction_golden", "opened_at");

        private final String view;
        private final String newest;

        Kind(String view, String newest) {
            this.view = view;
            this.newest = newest;
        }

        private String order(String alias) {
            return alias + newest + " DESC NULLS LAST, " + alias + "occurred_at DESC, " + alias + "source_system, "
                    + alias + "source_key";
        }

        /** The golden row, and the page unless it is merged (a row of nulls when the page is empty). */
        private String sql() {
            return "SELECT g.merged_into, a.source_system, a.source_entity, a.source_key, a.payload"
                    + " FROM golden_customer g LEFT JOIN LATERAL (SELECT v.source_system, v.source_entity,"
                    + " v.source_key, v.payload::text AS payload, v." + newest + ", v.occurred_at FROM " + view
                    + " v WHERE v.golden_id = g.golden_id AND g.merged_into IS NULL AND v.deleted_at IS NULL"
                    + " ORDER BY " + order("v.") + " LIMIT :limit OFFSET :offset) a ON true"
                    + " WHERE g.golden_id = :golden ORDER BY " + order("a.");
        }
    }

    /**
     * One record: where it comes from and its canonical payload (Order, Payment or Interaction shape), written
     * as stored, without parsing it and writing it again.
     */
    public record Item(EntityRef source, @JsonRawValue String record) {}

    /** A page; {@code hasMore} says whether the next page has anything. */
    public record Page(UUID goldenId, int page, int size, boolean hasMore, List<Item> items) {}

    /** A page, or (page null) the golden customer the id was merged into. */
    public record Listing(UUID mergedInto, Page page) {}

    private final NamedParameterJdbcTemplate jdbc;

    CustomerActivity(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Listing list(Kind kind, UUID goldenId, int page, int size) {
        if (size < 1 || size > CustomerSearch.MAX_SIZE) {
            throw PartnerException.invalid("size", "must be between 1 and " + CustomerSearch.MAX_SIZE);
        }
        if (page < 0 || (long) page * size > CustomerSearch.MAX_OFFSET) {
            throw PartnerException.invalid("page", "must be 0 or more, and page × size at most "
                    + CustomerSearch.MAX_OFFSET);
        }
        List<Item> items = new ArrayList<>();
        UUID[] mergedInto = new UUID[1];
        boolean[] found = new boolean[1];
        jdbc.query(kind.sql(), new MapSqlParameterSource("golden", goldenId).addValue("limit", size + 1)
                .addValue("offset", page * size), rs -> {
                    found[0] = true;
                    String merged = rs.getString(1);
                    if (merged != null) {
                        mergedInto[0] = UUID.fromString(merged);
                    } else if (rs.getString(2) != null) {
                        items.add(new Item(new EntityRef(rs.getString(2), rs.getString(3), rs.getString(4)),
                                rs.getString(5)));
                    }
                });
        if (!found[0]) {
            throw new PartnerException(PartnerException.Reason.NOT_FOUND, null, "no customer " + goldenId);
        }
        if (mergedInto[0] != null) {
            return new Listing(mergedInto[0], null);
        }
        boolean more = items.size() > size;
        return new Listing(null, new Page(goldenId, page, size, more, more ? List.copyOf(items.subList(0, size))
                : items));
    }
}
