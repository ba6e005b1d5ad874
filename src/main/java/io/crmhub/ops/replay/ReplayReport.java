package io.crmhub.ops.replay;

import java.util.List;
import java.util.Map;

/** A replay request's answer: one result per dead letter, and how many of each outcome. */
public record ReplayReport(boolean dryRun, int count, Map<String, Long> outcomes, List<ReplayResult> results) {}
