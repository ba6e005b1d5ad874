package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import java.util.Map;
import java.util.UUID;

/**
 * One identity decision, as audited and published.
 *
 * @param kind     what happened
 * @param golden   the golden customer it happened to (the survivor of a merge, the original of an unmerge)
 * @param other    the absorbed golden of a merge, the new golden of an unmerge; else null
 * @param source   the source record concerned; null for decisions about whole golden customers
 * @param rule     the rule behind it, if any
 * @param score    the score behind it, if any
 * @param actor    {@code hub} for automatic decisions, else who asked
 * @param details  anything else worth keeping (no personal data)
 */
record Decision(DecisionKind kind, UUID golden, UUID other, EntityRef source, String rule, Double score, String actor,
                Map<String, Object> details) {}
