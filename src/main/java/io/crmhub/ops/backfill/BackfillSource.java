package io.crmhub.ops.backfill;

import java.util.OptionalLong;

/** A source system that can be read in full for a backfill: one contract for ERP, OA, shop and export files. */
public interface BackfillSource {

    /** Source system id, as in {@code SourceChange.system()}; for a file, the kind of source ({@code file}). */
    String system();

    /**
     * Completes and checks a request before its run is looked up (a file: the entity its mapping targets).
     *
     * @throws BackfillException when the request cannot be run by this source
     */
    default BackfillRequest prepare(BackfillRequest request) {
        return request;
    }

    /** The source system the store keeps the records under (a file: its mapping's system). */
    default String storeSystem(BackfillRequest request) {
        return request.system();
    }

    /**
     * Opens a consistent read of one entity within a range.
     *
     * @param runSequence the sequence of the run being resumed, if any: records read now must carry it, so that a
     *                    re-read record gets the same event id as before the interruption
     * @throws BackfillException when the entity or range is not valid for this source
     */
    SourceSnapshot open(String entity, String from, String to, OptionalLong runSequence);

    /** Opens the read a (prepared) request names; sources that need more than entity and range override this. */
    default SourceSnapshot open(BackfillRequest request, OptionalLong runSequence) {
        return open(request.entity(), request.from(), request.to(), runSequence);
    }
}
