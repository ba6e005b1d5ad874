package io.crmhub.identity.eval;

import io.crmhub.identity.cluster.ReviewPair;
import io.crmhub.identity.match.FieldComparison;
import io.crmhub.identity.match.Level;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a data steward would find in the review queue: how many of its pairs are two records of one entity, by the
 * record kind and the fields that agree and disagree in them ("PERSON name / phone": the name agrees, the phones
 * differ). A queue a person cannot work through, or one made mostly of look-alikes sharing a name, is a cost the
 * cluster figures do not show.
 */
public final class ReviewQueueMeter {

    /** Pairs of one signature: all of them, and those of one true entity. */
    public record Share(long pairs, long sameEntity) {}

    private ReviewQueueMeter() {}

    /** Review pairs by signature, the most frequent first. */
    public static Map<String, Share> measure(List<ReviewPair> reviews, int[] entity, List<NormalizedCustomer> records) {
        Map<String, Share> bySignature = new TreeMap<>();
        for (ReviewPair r : reviews) {
            boolean same = entity[r.left()] == entity[r.right()];
            bySignature.merge(records.get(r.left()).kind() + " " + signature(r.explanation().comparisons()),
                    new Share(1, same ? 1 : 0),
                    (a, b) -> new Share(a.pairs() + b.pairs(), a.sameEntity() + b.sameEntity()));
        }
        return bySignature.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().pairs(), a.getValue().pairs()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * The fields that agree (weigh more than 0; "~" after a level below exact) joined by "+", then after " / " those
     * that differ; "nothing" and "-" when none does.
     */
    static String signature(List<FieldComparison> comparisons) {
        String agreeing = comparisons.stream().filter(c -> c.weight() > 0)
                .map(c -> c.field().name().toLowerCase() + (c.level() == Level.EXACT ? "" : "~"))
                .collect(Collectors.joining("+"));
        String differing = comparisons.stream().filter(c -> c.level() == Level.DIFFERENT)
                .map(c -> c.field().name().toLowerCase()).collect(Collectors.joining("+"));
        return (agreeing.isEmpty() ? "nothing" : agreeing) + " / " + (differing.isEmpty() ? "-" : differing);
    }
}
