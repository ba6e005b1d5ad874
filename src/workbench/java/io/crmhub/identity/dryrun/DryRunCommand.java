package io.crmhub.identity.dryrun;

import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.mapping.MappingEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -Xmx1g -XX:+UseParallelGC -cp target/crm-hub.jar -Dloader.main=io.crmhub.identity.dryrun.DryRunCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher --input export.csv --out dry-run-out
 * [--mapping my-mapping.yaml] [--region CN] [--page-size 1000]}. Prints counts only, never a record's content.
 */
public final class DryRunCommand {

    static final String DEFAULT_MAPPING = "classpath*:mappings/dry-run/customers.yaml";

    private DryRunCommand() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        if (!options.containsKey("input") || !options.containsKey("out")) {
            System.err.println("usage: --input <export.csv> --out <folder> [--mapping <file.yaml>] [--region CN] "
                    + "[--page-size 1000]");
            System.exit(2);
        }
        String mapping = options.containsKey("mapping")
                ? "file:" + Path.of(options.get("mapping")).toAbsolutePath() : DEFAULT_MAPPING;
        DryRun dryRun = new DryRun(MappingEngine.load(mapping), MatchRules.fromClasspath(),
                CustomerNormalizer.fromClasspath(options.getOrDefault("region", "CN")),
                Integer.parseInt(options.getOrDefault("page-size", String.valueOf(DryRun.PAGE))));
        Path out = Path.of(options.get("out"));
        print(dryRun.run(Path.of(options.get("input")), out), out);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an --option, got argument " + (i + 1));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void print(DryRun.Summary s, Path out) {
        System.out.printf(Locale.ROOT, "dry run: %,d rows, %,d rejected (%s), %,d records resolved%n", s.rows(),
                s.rejected(), out.resolve(DryRun.REJECTS), s.records());
        System.out.printf(Locale.ROOT, "%,d golden customers (%,d duplicate records, %,d merges), largest %d; %,d "
                + "review pairs; %,d purged blocks, %,d capped joins%n", s.goldens(), s.records() - s.goldens(),
                s.merged(), s.largest(), s.reviews(), s.purgedBlocks(), s.capped());
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "%.1f s; heap max %,d MiB, peak used %,d MiB; wrote %s, %s%n", s.seconds(),
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20, out.resolve(DryRunOutput.GOLDEN),
                out.resolve(DryRunOutput.REVIEWS));
    }
}
