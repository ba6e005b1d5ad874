package io.crmhub.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.identity.cluster.ReviewPair;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewQueueMeterTest {

    private static final CustomerNormalizer NORMALIZER = CustomerNormalizer.fromClasspath("CN");
    private static final MatchRules EVERY_PAIR;

    static {
        MatchRules rules = MatchRules.fromClasspath();
        EVERY_PAIR = new MatchRules(rules.version(), new MatchRules.Thresholds(rules.thresholds().merge(),
                rules.thresholds().review(), 1), rules.deterministic(), rules.cannotLink(), rules.nameSimilarity(),
                rules.fields(), rules.blocking(), rules.clustering());
    }

    @Test
    void pairsAreCountedByKindAgreeingAndDifferingFieldsWithTheShareOfOneEntity() {
        List<NormalizedCustomer> records = List.of(
                person("欧阳震华", "+8613911112222", "info@zhenhua-trade.cn"),
                person("欧阳震华", "+8613833334444", "info@zhenhua-trade.cn"),
                person("欧阳震华", "+8613755556666", null),
                person("欧阳震华", "+8613677778888", null));
        PairMatcher matcher = new PairMatcher(EVERY_PAIR);
        List<ReviewPair> queue = List.of(
                new ReviewPair(0, 1, matcher.compare(records.get(0), records.get(1), TermFrequencies.none())),
                new ReviewPair(2, 3, matcher.compare(records.get(2), records.get(3), TermFrequencies.none())),
                new ReviewPair(1, 2, matcher.compare(records.get(1), records.get(2), TermFrequencies.none())));
        int[] entity = {0, 0, 1, 2};

        Map<String, ReviewQueueMeter.Share> measured = ReviewQueueMeter.measure(queue, entity, records);

        assertThat(measured).containsExactly(
                Map.entry("PERSON name / phone", new ReviewQueueMeter.Share(2, 0)),
                Map.entry("PERSON name+email~ / phone", new ReviewQueueMeter.Share(1, 1)));
    }

    private static NormalizedCustomer person(String name, String mobile, String email) {
        return NORMALIZER.normalize(new Customer("C", Customer.PartyKind.PERSON, name, null,
                email == null ? List.of() : List.of(email), List.of(new Customer.Phone(mobile, "mobile")), List.of(),
                null, null, null, LifecycleStatus.CUSTOMER, null, List.of()));
    }
}
