package io.crmhub.ops.backfill;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The backfill command ({@code hub.backfill.*}, docs/backfill.md). Setting {@code source} turns the process into a
 * backfill run that exits when done; without it the hub runs as usual.
 *
 * @param source             source system to backfill ({@code erp}, {@code oa}, {@code shop}); unset = no backfill
 * @param entity             source entity (ERP table, OA entity, shop file kind)
 * @param from               optional start of the range, inclusive (ERP: primary key; shop: file stamp; OA: none)
 * @param to                 optional end of the range, inclusive, same kind as {@code from}
 * @param rate               most records per second, 0 = as fast as the store takes them
 * @param pageSize           records read and checkpointed together
 * @param restart            abandon an unfinished run of the same source, entity and range instead of resuming it
 * @param maxPages           stop (resumable) after this many pages in this attempt, 0 = no limit
 * @param exit               end the process with the run's status code when done (off only to keep the hub running)
 * @param quietWaitMs        how long the ERP snapshot may wait for write transactions older than it to end
 * @param reportLimit        most keys listed per kind of mismatch in the reconciliation report
 * @param progressIntervalMs how often progress is written to the output
 * @param folder             shop: the folder of historical export files
 * @param file               file: the export to load (CSV with a header row, UTF-8 or GB18030, detected)
 * @param mapping            file: the mapping file, in the dry run's format (mappings/dry-run/customers.yaml)
 */
@Validated
@ConfigurationProperties("hub.backfill")
public record BackfillProperties(
        String source,
        String entity,
        String from,
        String to,
        @DefaultValue("0") @PositiveOrZero double rate,
        @DefaultValue("500") @Min(1) @Max(BackfillProperties.MAX_PAGE_SIZE) int pageSize,
        @DefaultValue("false") boolean restart,
        @DefaultValue("0") @Min(0) int maxPages,
        @DefaultValue("true") boolean exit,
        @DefaultValue("30000") @Min(0) long quietWaitMs,
        @DefaultValue("100") @Min(0) int reportLimit,
        @DefaultValue("5000") @Min(100) long progressIntervalMs,
        @DefaultValue("./data/backfill/shop") String folder,
        String file,
        String mapping) {

    /** The largest page a backfill reads and checkpoints at once (the dry run previews with the same bounds). */
    public static final int MAX_PAGE_SIZE = 10_000;


    public BackfillRequest request() {
        return new BackfillRequest(source, blankToNull(entity), blankToNull(from), blankToNull(to), rate, pageSize,
                maxPages, restart, blankToNull(file), blankToNull(mapping));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
