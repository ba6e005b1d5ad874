package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer;
import io.crmhub.identity.cluster.BatchClusterer;
import io.crmhub.identity.cluster.Clusters;
import io.crmhub.identity.cluster.Decisions;
import io.crmhub.identity.cluster.Parallel;
import io.crmhub.identity.cluster.SortedBlocker;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One evaluation run: generate labelled records, normalise, block, compare, cluster, and measure against the
 * ground truth, timing each stage. Generation is timed apart: it is the harness's cost, not the matcher's.
 * Records are generated and normalised in chunks, so the canonical records never all sit in memory.
 */
public final class Evaluation {

    /** What a run keeps: the normalised records, their truth, the clusters and how good they are. */
    public record Run(List<NormalizedCustomer> records, int[] entity, Clusters clusters, Quality quality,
                      StageTimes times) {}

    private static final int CHUNK = 50_000;

    private final MatchRules rules;
    private final int threads;
    private final CustomerNormalizer normalizer = CustomerNormalizer.fromClasspath("CN");

    public Evaluation(MatchRules rules, int threads) {
        this.rules = rules;
        this.threads = threads;
    }

    public Run run(int size, long seed) {
        return run(size, new SyntheticCustomers(seed)::generate);
    }

    /** A run over any labelled generator (the person sets of {@link PersonRecords}). */
    public Run run(int size, SyntheticCustomers.Source source) {
        StageTimes times = new StageTimes();
        int[] entity = new int[size];
        List<NormalizedCustomer> records = new ArrayList<>(size);
        List<Customer> chunk = new ArrayList<>(CHUNK);
        long[] t = {System.nanoTime()};
        source.generate(size, (index, customer, id) -> {
            entity[index] = id;
            chunk.add(customer);
            if (chunk.size() == CHUNK || index == size - 1) {
                t[0] = times.record("generate", t[0]);
                records.addAll(normalize(chunk));
                chunk.clear();
                t[0] = times.record("normalise", t[0]);
            }
        });
        return cluster(records, Arrays.copyOf(entity, records.size()), times);
    }

    private Run cluster(List<NormalizedCustomer> records, int[] entity, StageTimes times) {
        BatchClusterer clusterer = new BatchClusterer(rules, threads);
        long t = System.nanoTime();
        SortedBlocker.Result blocks = clusterer.block(records);
        t = times.record("block", t);
        Decisions decisions = clusterer.compare(records, blocks.pairs());
        t = times.record("compare", t);
        Clusters clusters = clusterer.cluster(records, blocks, decisions);
        times.record("cluster", t);
        Quality quality = QualityMeter.measure(clusters.clusterOf(), entity, blocks.pairs(), decisions);
        return new Run(records, entity, clusters, quality, times);
    }

    private List<NormalizedCustomer> normalize(List<Customer> chunk) {
        return Parallel.map(chunk.size(), threads, range -> {
            List<NormalizedCustomer> out = new ArrayList<>(range.to() - range.from());
            for (int i = range.from(); i < range.to(); i++) {
                out.add(normalizer.normalize(chunk.get(i)));
            }
            return out;
        }).stream().flatMap(List::stream).toList();
    }
}
