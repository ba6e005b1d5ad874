package io.crmhub.identity.dryrun;

import io.crmhub.canonical.Customer;
import io.crmhub.identity.cluster.BatchClusterer;
import io.crmhub.identity.cluster.ClusterStats;
import io.crmhub.identity.cluster.Clusters;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.mapping.MappingEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * Identity resolution over a CSV export without touching the CRM store: map each row (the mapping file says
 * which column is which field), normalise, then block, compare and cluster with {@link BatchClusterer} — the
 * same normalisation, rules and thresholds as the hub — and write golden.csv, reviews.csv and rejects.csv.
 * Only the normalised records are held in memory; rows are streamed.
 */
public final class DryRun {

    /** @param rows data rows read; @param rejected rows the mapping refused; @param stats the clustering */
    public record Summary(long rows, long rejected, ClusterStats stats, double seconds) {}

    static final String REJECTS = "rejects.csv";

    private final MappingEngine mappings;
    private final MatchRules rules;
    private final CustomerNormalizer normalizer;
    private final int threads;

    public DryRun(MappingEngine mappings, MatchRules rules, CustomerNormalizer normalizer, int threads) {
        this.mappings = mappings;
        this.rules = rules;
        this.normalizer = normalizer;
        this.threads = threads;
    }

    public Summary run(Path csv, Path outDir) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outDir);
        CsvCustomers reader = new CsvCustomers(mappings);
        List<String> ids = new ArrayList<>();
        List<NormalizedCustomer> records = new ArrayList<>();
        long[] counts = new long[2];
        try (CSVPrinter rejects = DryRunOutput.printer(outDir.resolve(REJECTS), "line", "field", "reason")) {
            reader.read(csv, new CsvCustomers.Sink<Map.Entry<String, NormalizedCustomer>>() {
                @Override
                public Map.Entry<String, NormalizedCustomer> prepare(Customer customer) {
                    // only the number and the normalised record are kept: the mapped customer is garbage at once
                    return new java.util.AbstractMap.SimpleImmutableEntry<>(customer.number(),
                            normalizer.normalize(customer));
                }

                @Override
                public void accepted(long line, Map.Entry<String, NormalizedCustomer> customer) {
                    counts[0]++;
                    ids.add(customer.getKey() != null ? customer.getKey() : "line-" + line);
                    records.add(customer.getValue());
                }

                @Override
                public void rejected(long line, String field, String reason) {
                    counts[0]++;
                    counts[1]++;
                    print(rejects, line, field, reason);
                }
            });
        }
        Clusters clusters = new BatchClusterer(rules, threads).run(records);
        DryRunOutput output = new DryRunOutput(reader.system(), reader.entity());
        output.golden(outDir.resolve(DryRunOutput.GOLDEN), ids, clusters);
        output.reviews(outDir.resolve(DryRunOutput.REVIEWS), ids, clusters);
        return new Summary(counts[0], counts[1], clusters.stats(), (System.nanoTime() - t0) / 1e9);
    }

    private static void print(CSVPrinter rejects, long line, String field, String reason) {
        try {
            rejects.printRecord(line, field, reason);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + REJECTS, e);
        }
    }
}
