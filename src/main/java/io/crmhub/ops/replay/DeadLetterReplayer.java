package io.crmhub.ops.replay;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.mapping.MappingException;
import io.crmhub.ops.deadletter.DeadLetterFilter;
import io.crmhub.ops.deadletter.DeadLetterStore;
import io.crmhub.ops.deadletter.DeadLetterView;
import io.crmhub.store.ApplyOutcome;
import io.crmhub.store.CanonicalStore;
import io.crmhub.store.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Replays dead letters through the current mappings into the store, one by one, outside the routes' error handler:
 * a record that fails again gets status FAILED_AGAIN, the new reason and one more attempt on its own row, and never
 * a new dead letter; FAILED_AGAIN rows are replayed only when asked for by status, REPLAYED rows never, and a row is
 * left alone after {@code hub.dead-letters.max-attempts}. A dry run maps and compares with the store, changing
 * nothing. Logs ids and outcomes only.
 */
@Service
public class DeadLetterReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final DeadLetterStore deadLetters;
    private final RawRecords raw;
    private final CanonicalStore store;
    private final StoreLookup lookup;
    private final ReplayProperties props;
    private final MeterRegistry registry;

    public DeadLetterReplayer(DeadLetterStore deadLetters, RawRecords raw, CanonicalStore store, StoreLookup lookup,
                              ReplayProperties props, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.raw = raw;
        this.store = store;
        this.lookup = lookup;
        this.props = props;
        this.registry = registry;
    }

    public ReplayReport replay(DeadLetterFilter filter, boolean dryRun) {
        DeadLetterFilter f = filter.forReplay();
        List<ReplayResult> results = deadLetters.list(f, f.limitOr(props.maxBatch()), true).stream()
                .map(dl -> replayOne(dl, dryRun)).toList();
        Map<String, Long> outcomes = results.stream()
                .collect(Collectors.groupingBy(ReplayResult::outcome, TreeMap::new, Collectors.counting()));
        LOG.info("dead-letter replay{}: {} dead letters, outcomes {}", dryRun ? " (dry run)" : "", results.size(),
                outcomes);
        return new ReplayReport(dryRun, results.size(), outcomes, results);
    }

    private ReplayResult replayOne(DeadLetterView dl, boolean dryRun) {
        if (dl.attempts() >= props.maxAttempts()) {
            return count(ReplayResult.of(dl, "SKIPPED", dl.status(), "left alone after " + dl.attempts()
                    + " attempts (hub.dead-letters.max-attempts)"), dryRun);
        }
        CanonicalEvent event;
        try {
            event = raw.toEvent(dl.rawRecord());
        } catch (MappingException | InvalidEventException | RawRecords.NotReplayable e) {
            if (!dryRun) {
                deadLetters.failedAgain(dl.id(), e.getMessage(), null);
            }
            return count(ReplayResult.of(dl, "FAILED", dryRun ? dl.status() : "FAILED_AGAIN", e.getMessage()), dryRun);
        }
        if (dryRun) {
            return count(lookup.predict(dl, event), true);
        }
        ApplyOutcome outcome = store.apply(event);
        deadLetters.replayed(dl.id(), outcome.name(), event.mappingVersion());
        return count(new ReplayResult(dl.id(), event.source().qualifiedKey(), outcome.name(), "REPLAYED",
                event.entity().id(), event.mappingVersion(), null, event.source().sequence(), null, null, null), false);
    }

    private ReplayResult count(ReplayResult result, boolean dryRun) {
        registry.counter("hub.dead.letter.replays", "outcome", result.outcome().toLowerCase(),
                "dry_run", String.valueOf(dryRun)).increment();
        return result;
    }
}
