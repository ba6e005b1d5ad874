package io.crmhub.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One page of search results. {@code hasMore} instead of a total: counting every fuzzy match would cost more
 * than the page itself.
 */
public record SearchPage(int page, int size, boolean hasMore, List<Summary> items) {

    /** @param score name similarity 0..1 when searched by name, else null */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(java.util.UUID goldenId, String name, String kind, String taxId, String lifecycleStatus,
                          Instant updatedAt, Double score) {}

    static SearchPage of(int page, int size, List<Summary> fetched) {
        boolean more = fetched.size() > size;
        return new SearchPage(page, size, more, more ? List.copyOf(fetched.subList(0, size)) : fetched);
    }
}
