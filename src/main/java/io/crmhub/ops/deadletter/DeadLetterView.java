package io.crmhub.ops.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A dead letter as the API shows it; {@code rawRecord} only in the single view.
 *
 * @param attempts       replays tried so far
 * @param lastReason     reason of the last failed replay
 * @param replayOutcome  outcome of the last replay (APPLIED, STALE, DUPLICATE, FAILED)
 * @param mappingVersion mapping that produced the replayed event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterView(long id, Instant createdAt, String routeId, String sourceSystem, String sourceEntity,
                             String sourceKey, String sourcePosition, String field, String reason, String errorClass,
                             String status, int attempts, Instant lastAttemptAt, String lastReason,
                             String replayOutcome, String mappingVersion, String rawRecord) {}
