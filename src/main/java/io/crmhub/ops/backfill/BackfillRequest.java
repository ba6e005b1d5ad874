package io.crmhub.ops.backfill;

/**
 * One backfill: which source entity, which range, how fast.
 *
 * @param system   source system ({@code erp}, {@code oa}, {@code shop}, {@code file})
 * @param entity   source entity; for {@code file} optional, the entity its mapping reads (set by the source)
 * @param from     start of the range, inclusive, or null
 * @param to       end of the range, inclusive, or null
 * @param rate     most records per second, 0 = unthrottled
 * @param pageSize records per page (and checkpoint)
 * @param maxPages stop after this many pages in this attempt, 0 = no limit
 * @param restart  start a new run even if one of the same source, entity and range is unfinished
 * @param file     {@code file}: the export (a CSV file with a header row); part of the run's identity
 * @param mapping  {@code file}: the mapping file (the dry run's format) that says which column is which field
 */
public record BackfillRequest(String system, String entity, String from, String to, double rate, int pageSize,
                              int maxPages, boolean restart, String file, String mapping) {

    public static final String FILE = "file";

    public BackfillRequest {
        if (system == null || system.isBlank()) {
            throw new BackfillException("hub.backfill.source is required");
        }
        if (FILE.equals(system)) {
            if (file == null || file.isBlank() || mapping == null || mapping.isBlank()) {
                throw new BackfillException("hub.backfill.source=file needs hub.backfill.file (the export) and"
                        + " hub.backfill.mapping (which column is which field)");
            }
        } else if (entity == null || entity.isBlank()) {
            throw new BackfillException("hub.backfill.source and hub.backfill.entity are both required");
        }
        if (rate < 0 || pageSize < 1 || maxPages < 0) {
            throw new BackfillException("rate must be >= 0, page size >= 1, max pages >= 0");
        }
    }

    public BackfillRequest(String system, String entity, String from, String to, double rate, int pageSize,
                           int maxPages, boolean restart) {
        this(system, entity, from, to, rate, pageSize, maxPages, restart, null, null);
    }

    /** The same request for this entity (a file source names the entity its mapping reads). */
    public BackfillRequest withEntity(String newEntity) {
        return new BackfillRequest(system, newEntity, from, to, rate, pageSize, maxPages, restart, file, mapping);
    }

    /** The same request with another file (a file source makes the path absolute). */
    public BackfillRequest withFile(String newFile) {
        return new BackfillRequest(system, entity, from, to, rate, pageSize, maxPages, restart, newFile, mapping);
    }

    public String label() {
        String what = system + "/" + entity + (file == null ? "" : " " + java.nio.file.Path.of(file).getFileName());
        return what + (from == null && to == null ? "" : " [" + (from == null ? "" : from) + ".."
                + (to == null ? "" : to) + "]");
    }
}
