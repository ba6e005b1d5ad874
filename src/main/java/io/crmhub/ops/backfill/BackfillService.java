package io.crmhub.ops.backfill;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs a backfill: resumes the unfinished run of the same source, entity and range (or starts one), reads the
 * source page by page from its checkpoint, maps each page and applies it to the store as one batch (throttled),
 * checkpoints each page, and when the source is exhausted reconciles source against store. Logs ids and counts only.
 */
@Service
public class BackfillService {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillService.class);

    private final Map<String, BackfillSource> sources;
    private final BackfillRuns runs;
    private final BackfillApplier applier;
    private final Reconciler reconciler;
    private final BackfillMetrics metrics;
    private final BackfillProperties props;

    public BackfillService(List<BackfillSource> sources, BackfillRuns runs, BackfillApplier applier,
                           Reconciler reconciler, BackfillMetrics metrics, BackfillProperties props) {
        this.sources = sources.stream().collect(Collectors.toMap(BackfillSource::system, Function.identity()));
        this.runs = runs;
        this.applier = applier;
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.props = props;
    }

    public BackfillReport run(BackfillRequest asked, BackfillObserver observer) {
        BackfillSource source = sources.get(asked.system());
        if (source == null) {
            throw new BackfillException("no backfill for source '" + asked.system() + "'; sources: "
                    + sources.keySet().stream().sorted().toList());
        }
        BackfillRequest request = source.prepare(asked);
        if (request.restart()) {
            runs.abandonUnfinished(request);
        }
        BackfillRun previous = runs.findUnfinished(request).orElse(null);
        OptionalLong sequence = previous == null ? OptionalLong.empty() : OptionalLong.of(previous.sequence());
        long started = System.nanoTime();
        long before = previous == null ? 0 : previous.counts().processed();
        BackfillRun run;
        boolean exhausted;
        try (SourceSnapshot snapshot = source.open(request, sequence)) {
            if (previous != null && previous.fingerprint() != null
                    && !previous.fingerprint().equals(snapshot.fingerprint())) {
                throw new BackfillException("the content of " + request.label() + " changed since run "
                        + previous.id() + " began (" + previous.fingerprint() + ", now " + snapshot.fingerprint()
                        + "): it cannot resume; --hub.backfill.restart=true starts over");
            }
            run = previous == null ? runs.create(request, snapshot.sequence(), snapshot.position(),
                    snapshot.fingerprint()) : runs.resume(previous.id());
            LOG.info("backfill {} run {} attempt {} from {} (snapshot sequence {})", request.label(), run.id(),
                    run.attempts(), run.cursor() == null ? "the beginning" : "checkpoint page " + run.pages(),
                    run.sequence());
            exhausted = pages(request, snapshot, run, observer);
        }
        return finish(source, request, runs.get(run.id()), exhausted, before, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Reads and applies pages until the source is exhausted (true) or max-pages is reached (false). The next page is
     * read (and mapped) on a reader thread while the store applies the current one: reading a page only depends on
     * the cursor of the one before it, and the two halves then use both cores. The reader also does the store's
     * preparation of its page (parsing and normalising customers, {@link BackfillApplier#prepared}). Nothing is
     * checkpointed ahead: a page counts once it is applied, so a crash re-reads exactly as before.
     */
    private boolean pages(BackfillRequest request, SourceSnapshot snapshot, BackfillRun start,
                          BackfillObserver observer) {
        long total = snapshot.count();
        BackfillProgress progress = metrics.start(request.system(), request.entity(), start.counts().processed(), total);
        Throttle throttle = new Throttle(request.rate());
        BackfillRun run = start;
        long lastReport = System.nanoTime();
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "backfill-reader");
            t.setDaemon(true);
            return t;
        });
        Future<SourceSnapshot.Page> ahead = null;
        try {
            String cursor = run.cursor();
            ahead = reader.submit(() -> applier.prepared(snapshot.next(cursor, request.pageSize())));
            for (int pagesNow = 0; request.maxPages() == 0 || pagesNow < request.maxPages(); pagesNow++) {
                SourceSnapshot.Page page = await(ahead);
                ahead = null;
                if (page.isEmpty()) {
                    return true;
                }
                // with max-pages reached, the next read asks for one record: is anything left after this page?
                int limit = request.maxPages() == 0 || pagesNow + 1 < request.maxPages() ? request.pageSize() : 1;
                Callable<SourceSnapshot.Page> next = () -> applier.prepared(snapshot.next(page.cursor(), limit));
                if (snapshot.readsAhead()) {
                    ahead = reader.submit(next);
                }
                applyPage(request, page, run.counts(), throttle);
                observer.pageApplied(run.id(), run.pages() + 1);
                if (!snapshot.readsAhead()) {
                    ahead = reader.submit(next);
                }
                run = run.at(page.cursor(), run.pages() + 1);
                runs.checkpoint(run, total, page.changes().size() + page.unreadable().size() + page.rejected());
                progress.update(run.counts().processed(), total);
                if (System.nanoTime() - lastReport >= props.progressIntervalMs() * 1_000_000L) {
                    LOG.info(progress.line(request.label(), run.id()));
                    lastReport = System.nanoTime();
                }
            }
            SourceSnapshot.Page rest = await(ahead);
            ahead = null;
            return rest.isEmpty();
        } catch (RuntimeException e) {
            runs.failed(run.id());
            throw e;
        } finally {
            if (ahead != null) {
                // the snapshot closes after this: let a read in flight finish first, its page is not needed
                try {
                    ahead.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // the run ends anyway; the failure that ends it is the one being thrown
                }
            }
            reader.shutdownNow();
        }
    }

    private static SourceSnapshot.Page await(Future<SourceSnapshot.Page> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillException("interrupted while reading the next page", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new BackfillException("reading the next page failed", e.getCause());
        }
    }

    /** The page's records as one chunk: mapped, applied in one transaction (bad ones isolated), counted. */
    private void applyPage(BackfillRequest request, SourceSnapshot.Page page, BackfillCounts counts,
                           Throttle throttle) {
        throttle.acquire(page.changes().size());
        java.util.Map<BackfillCounts.Outcome, Long> byOutcome = new java.util.EnumMap<>(BackfillCounts.Outcome.class);
        for (BackfillCounts.Outcome outcome : applier.applyAll(page.changes(), page.events())) {
            counts.add(outcome);
            byOutcome.merge(outcome, 1L, Long::sum);
        }
        byOutcome.forEach((outcome, n) -> metrics.record(request.system(), request.entity(), outcome, n));
        counts.addRejected(page.rejected());
        for (SourceSnapshot.Unreadable item : page.unreadable()) {
            BackfillCounts.Outcome outcome = applier.reject(item);
            counts.add(outcome);
            metrics.record(request.system(), request.entity(), outcome);
        }
    }

    private BackfillReport finish(BackfillSource source, BackfillRequest request, BackfillRun run, boolean exhausted,
                                  long before, double seconds) {
        BackfillCounts c = run.counts();
        double rate = seconds <= 0 ? 0 : (c.processed() - before) / seconds;
        Reconciliation reconciliation = exhausted ? reconciler.reconcile(source, request, props.reportLimit()) : null;
        BackfillReport report = new BackfillReport(run.id(), request.label(), exhausted ? "COMPLETED" : "PAUSED",
                c.applied(), c.stale(), c.duplicate(), c.deadLettered(), c.rejected(), seconds, rate, reconciliation);
        if (exhausted) {
            runs.finish(run.id(), "COMPLETED", io.crmhub.canonical.CanonicalJson.write(report));
        }
        LOG.info(report.text());
        return report;
    }
}
