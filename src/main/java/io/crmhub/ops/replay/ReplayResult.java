package io.crmhub.ops.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.ops.deadletter.DeadLetterView;

/**
 * What a replay did, or in a dry run would do, with one dead letter.
 *
 * @param outcome        APPLIED (store changed), STALE (the store holds a newer change), DUPLICATE (applied before),
 *                       FAILED (fails again, with {@code reason}), SKIPPED (attempts exhausted)
 * @param status         the dead letter's status afterwards (unchanged in a dry run)
 * @param payload        dry run: the canonical payload the current mapping makes
 * @param storeSequence  dry run: the sequence the store holds for the record, if any
 * @param storePayload   dry run: the payload the store holds for the record, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayResult(long id, String source, String outcome, String status, String entity,
                           String mappingVersion, String reason, Long sequence, Long storeSequence, JsonNode payload,
                           JsonNode storePayload) {

    static ReplayResult of(DeadLetterView dl, String outcome, String status, String reason) {
        return new ReplayResult(dl.id(), dl.sourceSystem() + ":" + dl.sourceEntity() + ":" + dl.sourceKey(), outcome,
                status, null, null, reason, null, null, null, null);
    }
}
