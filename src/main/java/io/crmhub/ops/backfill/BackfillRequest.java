package io.crmhub.ops.backfill;

/**
 * One backfill: which source entity, which range, how fast.
 *
 * @param system   source system ({@code erp}, {@code oa}, {@code shop})
 * @param entity   source entity
 * @param from     start of the range, inclusive, or null
 * @param to       end of the range, inclusive, or null
 * @param rate     most records per second, 0 = unthrottled
 * @param pageSize records per page (and checkpoint)
 * @param maxPages stop after this many pages in this attempt, 0 = no limit
 * @param restart  start a new run even if one of the same source, entity and range is unfinished
 */
public record BackfillRequest(String system, String entity, String from, String to, double rate, int pageSize,
                              int maxPages, boolean restart) {

    public BackfillRequest {
        if (system == null || system.isBlank() || entity == null || entity.isBlank()) {
            throw new BackfillException("hub.backfill.source and hub.backfill.entity are both required");
        }
        if (rate < 0 || pageSize < 1 || maxPages < 0) {
            throw new BackfillException("rate must be >= 0, page size >= 1, max pages >= 0");
        }
    }

    public String label() {
        return system + "/" + entity + (from == null && to == null ? "" : " [" + (from == null ? "" : from) + ".."
                + (to == null ? "" : to) + "]");
    }
}
