package io.crmhub.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.identity.cluster.BatchClusterer;
import io.crmhub.identity.cluster.Frequencies;
import io.crmhub.identity.cluster.SortedBlocker;
import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.Outcome;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The batch decides with {@link PairMatcher#decide}, the live resolver and the review list explain with
 * {@link PairMatcher#compare}: on every candidate pair of the labelled data both must give the same outcome, rule
 * and score, or the harness would measure a matcher the hub does not run.
 */
class FastDecisionTest {

    @Test
    void decideGivesWhatCompareExplainsOnEveryCandidatePair() {
        MatchRules rules = MatchRules.fromClasspath();
        List<NormalizedCustomer> records = new Evaluation(rules, 2).run(40_000, 7).records();
        SortedBlocker.Result blocks = new BatchClusterer(rules, 2).block(records);
        TermFrequencies tf = Frequencies.count(records, rules);
        PairMatcher matcher = new PairMatcher(rules);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int tooLittle = 0;

        for (long pair : blocks.pairs()) {
            NormalizedCustomer a = records.get(SortedBlocker.left(pair));
            NormalizedCustomer b = records.get(SortedBlocker.right(pair));
            MatchExplanation explained = matcher.compare(a, b, tf);
            PairMatcher.Decision decided = matcher.decide(a, b, tf);

            assertThat(decided).isEqualTo(new PairMatcher.Decision(explained.outcome(), explained.rule(),
                    explained.score()));
            outcomes.merge(decided.outcome(), 1, Integer::sum);
            tooLittle += PairMatcher.TOO_LITTLE_EVIDENCE.equals(decided.rule()) ? 1 : 0;
        }
        // and pairs of the review band that only the field comparisons take out of it (review-min-fields)
        assertThat(tooLittle).isGreaterThan(100);
        // the data must exercise every outcome, or the equality above proves little
        assertThat(outcomes).containsOnlyKeys(Outcome.values()).allSatisfy((o, n) -> assertThat(n).isGreaterThan(100));
    }
}
