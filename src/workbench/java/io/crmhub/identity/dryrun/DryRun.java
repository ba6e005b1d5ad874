package io.crmhub.identity.dryrun;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.SourceRef;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.resolve.DecisionKind;
import io.crmhub.identity.resolve.MemoryResolution;
import io.crmhub.mapping.MappingEngine;
import io.crmhub.ops.backfill.BackfillProperties;
import io.crmhub.ops.backfill.file.FileBackfillSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVPrinter;

/**
 * Identity resolution over a CSV export without touching the CRM store: map each row (the mapping file says which
 * column is which field), normalise, then resolve page by page with the store's own engine over memory
 * ({@link MemoryResolution}) — the pages, record keys, rules and decisions a file backfill of the same export makes
 * into an empty store — and write golden.csv, reviews.csv and rejects.csv. Rows are streamed; a page at a time is
 * held whole, every record before it as its normalised form and keys.
 */
public final class DryRun {

    /**
     * @param rows data rows read; @param rejected rows refused (by the mapping, or a record key seen before);
     * @param records records resolved; @param goldens golden customers; @param largest records in the largest;
     * @param reviews pairs left for a person; @param purgedBlocks block keys skipped by their count;
     * @param capped joins the cluster cap refused; @param merged golden customers merged into another
     */
    public record Summary(long rows, long rejected, long records, long goldens, int largest, long reviews,
                          long purgedBlocks, long capped, long merged, double seconds) {}

    static final String REJECTS = "rejects.csv";
    /**
     * Lines per page, rejected ones included, by default: the page size docs/backfill.md advises for a large file (the
     * backfill's own default is 500); give the backfill's {@code hub.backfill.page-size} to preview its run exactly.
     */
    public static final int PAGE = 1_000;
    /**
     * Pages mapped ahead of the one being resolved, at most (each its customers and forms: a few megabytes). Two keep
     * the resolving thread fed; every page more is only copied from one young collection to the next (four: ~1.5 s
     * more of collector pauses a million rows, measured).
     */
    private static final int AHEAD = 2;

    private final MappingEngine mappings;
    private final MatchRules rules;
    private final CustomerNormalizer normalizer;
    private final int pageSize;

    public DryRun(MappingEngine mappings, MatchRules rules, CustomerNormalizer normalizer, int pageSize) {
        if (pageSize < 1 || pageSize > BackfillProperties.MAX_PAGE_SIZE) {
            // the backfill's own bounds (hub.backfill.page-size)
            throw new IllegalArgumentException("--page-size must be 1 to " + BackfillProperties.MAX_PAGE_SIZE
                    + ", got " + pageSize);
        }
        this.mappings = mappings;
        this.rules = rules;
        this.normalizer = normalizer;
        this.pageSize = pageSize;
    }

    public Summary run(Path csv, Path outDir) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outDir);
        CsvCustomers reader = new CsvCustomers(mappings);
        MemoryResolution engine = new MemoryResolution(rules, normalizer, "dry-run", pageSize);
        Pages pages = new Pages(engine, reader.system(), reader.entity());
        try (CSVPrinter rejects = DryRunOutput.printer(outDir.resolve(REJECTS), "line", "field", "reason")) {
            pages.rejects = rejects;
            reader.read(csv, new CsvCustomers.Sink<MemoryResolution.Arrival>() {
                @Override
                public MemoryResolution.Arrival prepare(long line, Customer customer) {
                    return new MemoryResolution.Arrival(pages.source(line, customer), customer,
                            normalizer.normalize(customer));
                }

                @Override
                public void accepted(long line, MemoryResolution.Arrival customer) {
                    pages.accepted(line, customer);
                }

                @Override
                public void rejected(long line, String field, String reason) {
                    pages.rejected(line, field, reason);
                }
            });
            pages.flush();
            pages.finish();
        } finally {
            pages.resolver.shutdownNow();
        }
        List<MemoryResolution.Review> reviews = engine.reviews();
        DryRunOutput output = new DryRunOutput(reader.system(), reader.entity());
        long[] placed = new long[3]; // records, golden customers, largest
        try (DryRunOutput.Golden golden = output.golden(outDir.resolve(DryRunOutput.GOLDEN))) {
            engine.placements(p -> {
                golden.write(p);
                placed[0]++;
                if (p.first().equals(p.ref())) { // its first record: one line per golden customer
                    placed[1]++;
                    placed[2] = Math.max(placed[2], p.size());
                }
            });
        }
        output.reviews(outDir.resolve(DryRunOutput.REVIEWS), reviews);
        return new Summary(pages.rows, pages.rejected, placed[0], placed[1], (int) placed[2], reviews.size(),
                engine.purgedBlocks(), engine.decisions(DecisionKind.CAPPED), engine.decisions(DecisionKind.MERGED),
                (System.nanoTime() - t0) / 1e9);
    }

    /** Lines gathered into pages of {@link #pageSize} (rejected ones counted, as the backfill's pages count them). */
    private final class Pages {
        final MemoryResolution engine;
        final String system;
        final String entity;
        /**
         * Resolves the pages in order, one after the other, while the reader maps and normalises the ones after them:
         * up to {@link #AHEAD} pages wait for it, so neither side waits for the other page by page.
         */
        final ExecutorService resolver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dry-run-resolver");
            t.setDaemon(true);
            return t;
        });
        /** The pages handed to the resolver and not known to be done, oldest first, each with its record keys. */
        final Deque<Handed> handed = new ArrayDeque<>();
        /** The record keys of the page being read. */
        Set<String> pageKeys = new HashSet<>();
        List<MemoryResolution.Arrival> page = new ArrayList<>(pageSize);
        int lines;
        long rows;
        long rejected;
        CSVPrinter rejects;

        Pages(MemoryResolution engine, String system, String entity) {
            this.engine = engine;
            this.system = system;
            this.entity = entity;
        }

        /**
         * Where a line's record comes from, under the key a file backfill stores it by
         * ({@link FileBackfillSource#recordKey}): its own number, else its line.
         */
        SourceRef source(long line, Customer customer) {
            return new SourceRef(system, entity, FileBackfillSource.recordKey(customer.number(), line),
                    "line " + line, line);
        }

        void accepted(long line, MemoryResolution.Arrival arrival) {
            String key = arrival.source().key();
            if (handed.stream().anyMatch(h -> h.keys().contains(key)) || engine.holds(arrival.ref())
                    || !pageKeys.add(key)) {
                // the backfill would store it as a newer version of that record; a preview resolves each record once
                rejected(line, "customers.number", "the record key of an earlier line again (" + key + ")");
                return;
            }
            rows++;
            page.add(arrival);
            next();
        }

        void rejected(long line, String field, String reason) {
            rows++;
            rejected++;
            try {
                rejects.printRecord(line, field, reason);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + REJECTS, e);
            }
            next();
        }

        private void next() {
            if (++lines == pageSize) {
                flush();
            }
        }

        void flush() {
            if (!page.isEmpty()) {
                while (!handed.isEmpty() && (handed.size() >= AHEAD || handed.peekFirst().resolved().isDone())) {
                    awaitOldest();
                }
                List<MemoryResolution.Arrival> batch = page;
                handed.addLast(new Handed(resolver.submit(() -> engine.resolve(batch)), pageKeys));
                pageKeys = new HashSet<>();
            }
            page = new ArrayList<>(pageSize);
            lines = 0;
        }

        /** Waits for every page handed over; the first failure is the run's. */
        void finish() {
            while (!handed.isEmpty()) {
                awaitOldest();
            }
        }

        /** Waits for the oldest page handed over (its records are then held by the engine: its keys go). */
        private void awaitOldest() {
            try {
                handed.peekFirst().resolved().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dry run interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            handed.removeFirst();
        }
    }

    /** A page handed to the resolver: its resolution, and the record keys it brings (not all held yet). */
    private record Handed(Future<?> resolved, Set<String> keys) {}
}
