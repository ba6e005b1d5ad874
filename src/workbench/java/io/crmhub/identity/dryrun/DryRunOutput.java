package io.crmhub.identity.dryrun;

import io.crmhub.identity.cluster.Clusters;
import io.crmhub.identity.cluster.ReviewPair;
import io.crmhub.identity.match.FieldComparison;
import io.crmhub.identity.match.MatchExplanation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The dry run's result files: {@code golden.csv} (record id → golden id, with cluster size and the link that put
 * the record there) and {@code reviews.csv} (pairs in the review band with score and per-field levels). Golden
 * ids are the name-based UUIDs the store uses for the same source reference, so a later real load of the same
 * export can be compared id for id. Record ids only: no names, phones or addresses are copied out.
 */
final class DryRunOutput {

    static final String GOLDEN = "golden.csv";
    static final String REVIEWS = "reviews.csv";

    private final String system;
    private final String entity;

    DryRunOutput(String system, String entity) {
        this.system = system;
        this.entity = entity;
    }

    void golden(Path file, List<String> ids, Clusters clusters) throws IOException {
        int[] size = new int[ids.size()];
        for (int c : clusters.clusterOf()) {
            size[c]++;
        }
        try (CSVPrinter out = printer(file, "record_id", "golden_id", "cluster_size", "rule", "score", "via_record_id")) {
            for (int r = 0; r < ids.size(); r++) {
                int via = clusters.via()[r];
                int cluster = clusters.clusterOf()[r];
                out.printRecord(ids.get(r), goldenId(ids.get(cluster)), size[cluster], clusters.rule()[r].label(),
                        via < 0 ? "" : score(clusters.score()[r]), via < 0 ? "" : ids.get(via));
            }
        }
    }

    void reviews(Path file, List<String> ids, Clusters clusters) throws IOException {
        try (CSVPrinter out = printer(file, "left_record_id", "right_record_id", "score", "name_level",
                "name_weight", "phone_level", "phone_weight", "email_level", "email_weight", "address_level",
                "address_weight", "rules_version")) {
            for (ReviewPair p : clusters.reviews()) {
                MatchExplanation e = p.explanation();
                out.print(ids.get(p.left()));
                out.print(ids.get(p.right()));
                out.print(score(e.score()));
                for (FieldComparison c : e.comparisons()) {
                    out.print(c.level().name());
                    out.print(score(c.weight()));
                }
                out.print(e.rulesVersion());
                out.println();
            }
        }
    }

    static CSVPrinter printer(Path file, String... header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).get());
    }

    private UUID goldenId(String firstMemberId) {
        return UUID.nameUUIDFromBytes((system + ":" + entity + ":" + firstMemberId).getBytes(StandardCharsets.UTF_8));
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
