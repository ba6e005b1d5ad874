package io.crmhub.ops.backfill;

import java.util.OptionalLong;

/** A source system that can be read in full for a backfill: one contract for ERP, OA and shop. */
public interface BackfillSource {

    /** Source system id, as in {@code SourceChange.system()}. */
    String system();

    /**
     * Opens a consistent read of one entity within a range.
     *
     * @param runSequence the sequence of the run being resumed, if any: records read now must carry it, so that a
     *                    re-read record gets the same event id as before the interruption
     * @throws BackfillException when the entity or range is not valid for this source
     */
    SourceSnapshot open(String entity, String from, String to, OptionalLong runSequence);
}
