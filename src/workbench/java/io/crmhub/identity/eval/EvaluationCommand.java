package io.crmhub.identity.eval;

import io.crmhub.identity.cluster.ClusterStats;
import io.crmhub.identity.match.MatchRules;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mvn -B -ntp -Pidentity-eval verify -Deval.records=100000 -Deval.seed=7}: the evaluation harness of
 * docs/identity-evaluation.md. System properties: {@code eval.records} (default 100000), {@code eval.seed}
 * (7), {@code eval.threads} (2), {@code eval.store} (true: also write golden records and links into an
 * embedded PostgreSQL), {@code eval.rules} (a match-rules.yaml to try instead of the packaged one).
 * Prints figures only, never a record's content.
 */
public final class EvaluationCommand {

    private EvaluationCommand() {}

    public static void main(String[] args) throws IOException, SQLException {
        int records = Integer.getInteger("eval.records", 100_000);
        long seed = Long.getLong("eval.seed", 7);
        int threads = Integer.getInteger("eval.threads", 2);
        boolean store = Boolean.parseBoolean(System.getProperty("eval.store", "true"));
        MatchRules rules = rules(System.getProperty("eval.rules", ""));
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        Evaluation.Run run = new Evaluation(rules, threads).run(records, seed);
        if (store) {
            store(run, rules, threads);
        }
        print(records, seed, threads, run);
        String em = System.getProperty("eval.em", "");
        if (!em.isBlank()) {
            estimate(run, rules, threads, seed, Path.of(em));
        }
        int people = Integer.getInteger("eval.people", 20_000);
        if (people > 0) {
            Evaluation.Run withIds = people(people, seed, threads, rules, true);
            people(people, seed, threads, rules, false);
            if (!em.isBlank()) {
                estimate(withIds, rules, threads, seed, Path.of(em + ".people.yaml"));
            }
        }
    }

    /** Weights estimated by EM over this run's candidate pairs, written beside the configured ones for review. */
    private static void estimate(Evaluation.Run run, MatchRules rules, int threads, long seed, Path out)
            throws IOException {
        long[] pairs = new io.crmhub.identity.cluster.BatchClusterer(rules, threads).block(run.records()).pairs();
        WeightEstimation estimation = new WeightEstimation(rules);
        WeightEstimation.Estimates e = estimation.estimate(run.records(), pairs);
        Files.writeString(out, estimation.yaml(e));
        System.out.printf(Locale.ROOT, "EM: %,d candidate pairs, match share %.4f, %d iterations: %s%n",
                pairs.length, e.matchShare(), e.iterations(), out);
    }

    /** The person set (issue 17): people known by name, birth date, address and, with ids, a national id. */
    private static Evaluation.Run people(int records, long seed, int threads, MatchRules rules, boolean withIds) {
        Evaluation.Run run = new Evaluation(rules, threads).run(records, new PersonRecords(seed, withIds)::generate);
        Quality q = run.quality();
        ClusterStats s = run.clusters().stats();
        System.out.printf(Locale.ROOT, "people %s: %,d records, seed %d: blocking recall %.4f (%,d pairs); "
                + "pairwise precision %.4f recall %.4f F1 %.4f (TP %,d FP %,d FN %,d); B-cubed F1 %.4f; "
                + "largest cluster %d%n", withIds ? "with birth date and id" : "without id", records, seed,
                q.blockingRecall(), s.candidatePairs(), q.pairPrecision(), q.pairRecall(), q.pairF1(), q.pairTp(),
                q.pairFp(), q.pairFn(), q.bcubedF1(), s.largestCluster());
        return run;
    }

    private static MatchRules rules(String file) throws IOException {
        if (file.isBlank()) {
            return MatchRules.fromClasspath();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return MatchRules.read(in);
        }
    }

    private static void store(Evaluation.Run run, MatchRules rules, int threads) throws IOException, SQLException {
        long t = System.nanoTime();
        try (EvalDatabase db = new EvalDatabase()) {
            t = run.times().record("(start PostgreSQL + migrate, not counted)", t);
            CopyStore store = new CopyStore(db.dataSource(), new FirstMemberGolden("eval", "customers",
                    rules.version()), "eval", "customers", rules.version(), threads);
            long[] written = store.write(run.records(), i -> "r" + i, run.clusters());
            run.times().record("store", t);
            System.out.printf(Locale.ROOT, "store: %,d golden_customer rows, %,d identity_link rows (COPY)%n",
                    written[0], written[1]);
        }
    }

    private static void print(int records, long seed, int threads, Evaluation.Run run) {
        Quality q = run.quality();
        ClusterStats s = run.clusters().stats();
        System.out.printf(Locale.ROOT, "identity evaluation: %,d records, seed %d, %d threads%n", records, seed, threads);
        System.out.printf(Locale.ROOT, "blocking: %,d blocks (%,d purged), %,d candidate pairs; recall %.4f "
                + "(%,d of %,d true pairs compared)%n", s.blocks(), s.purgedBlocks(), s.candidatePairs(),
                q.blockingRecall(), q.blockedTruePairs(), q.truePairs());
        System.out.printf(Locale.ROOT, "decisions: %,d merge (%,d wrong), %,d review; unions refused: %,d "
                + "cannot-link, %,d capped%n", q.mergeDecisions(), q.wrongMerges(), s.reviewPairs(),
                s.cannotLinkUnions(), s.cappedUnions());
        printReviewQueue(run);
        System.out.printf(Locale.ROOT, "pairwise (over clusters): precision %.4f recall %.4f F1 %.4f "
                + "(TP %,d FP %,d FN %,d)%n", q.pairPrecision(), q.pairRecall(), q.pairF1(), q.pairTp(),
                q.pairFp(), q.pairFn());
        System.out.printf(Locale.ROOT, "cluster (B-cubed): precision %.4f recall %.4f F1 %.4f; exact entity "
                + "clusters %.4f%n", q.bcubedPrecision(), q.bcubedRecall(), q.bcubedF1(), q.exactClusters());
        System.out.printf(Locale.ROOT, "clusters %,d, largest %d%n", s.clusters(), s.largestCluster());
        double matched = 0;
        for (String stage : run.times().stages()) {
            double sec = run.times().of(stage);
            matched += stage.startsWith("(") || stage.equals("generate") ? 0 : sec;
            System.out.printf(Locale.ROOT, "  %-45s %7.2f s  %,10.0f records/s%n", stage, sec, records / sec);
        }
        System.out.printf(Locale.ROOT, "normalise + block + compare + cluster%s: %.1f s, %,.0f records/s%n",
                run.times().of("store") > 0 ? " + store" : "", matched, records / matched);
        System.out.printf(Locale.ROOT, "heap: max %,d MiB, peak used (sum of pool peaks) %,d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, peakHeap() >> 20);
    }

    /** The open review pairs (those not ended in one cluster anyway) as a steward would meet them. */
    private static void printReviewQueue(Evaluation.Run run) {
        Map<String, ReviewQueueMeter.Share> queue = ReviewQueueMeter.measure(run.clusters().reviews(), run.entity(), run.records());
        long pairs = queue.values().stream().mapToLong(ReviewQueueMeter.Share::pairs).sum();
        long same = queue.values().stream().mapToLong(ReviewQueueMeter.Share::sameEntity).sum();
        System.out.printf(Locale.ROOT, "review queue: %,d open pairs, %,d of them one entity (%.1f %%); agreeing "
                + "fields:%n", pairs, same, pairs == 0 ? 0 : 100.0 * same / pairs);
        queue.entrySet().stream().limit(16).forEach(e -> System.out.printf(Locale.ROOT,
                "  %-40s %,10d pairs  %5.1f %% one entity%n", e.getKey(), e.getValue().pairs(),
                100.0 * e.getValue().sameEntity() / e.getValue().pairs()));
    }

    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
