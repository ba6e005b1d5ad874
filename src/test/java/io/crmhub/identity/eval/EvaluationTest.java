package io.crmhub.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.identity.match.MatchRules;
import org.junit.jupiter.api.Test;

/**
 * The evaluation harness on a fixed seed (5,000 records): floors that a broken normaliser, blocker, matcher
 * or clustering would fall through. The figures at scale are in docs/identity-evaluation.md.
 */
class EvaluationTest {

    @Test
    void theMatcherFindsMostDuplicatesWithoutMergingDifferentCustomers() {
        Evaluation.Run run = new Evaluation(MatchRules.fromClasspath(), 2).run(5_000, 7);
        Quality q = run.quality();

        assertThat(q.truePairs()).isGreaterThan(3_000);
        // measured 0.993 / 1.0 / 0.910 / 0.976 (rules v2); rules v1 gave 0.991 / 1.0 / 0.879 / 0.969
        assertThat(q.blockingRecall()).isGreaterThan(0.98);
        assertThat(q.pairPrecision()).isGreaterThan(0.995);
        assertThat(q.pairRecall()).isGreaterThan(0.90);
        assertThat(q.bcubedF1()).isGreaterThan(0.97);
        assertThat(run.clusters().stats().largestCluster()).isBetween(2, 20);
    }

    /** Issue 17: people known by name, birth date, address and (or not) a national id or resident id. */
    @Test
    void peopleAreFoundByBirthDateDocumentAndAddress() {
        Evaluation evaluation = new Evaluation(MatchRules.fromClasspath(), 2);
        Quality withIds = evaluation.run(5_000, new PersonRecords(7, true)::generate).quality();
        Quality withoutIds = evaluation.run(5_000, new PersonRecords(7, false)::generate).quality();

        assertThat(withIds.truePairs()).isGreaterThan(3_000);
        assertThat(withIds.pairF1()).isGreaterThan(0.97);
        assertThat(withIds.pairPrecision()).isGreaterThan(0.99);
        assertThat(withoutIds.pairF1()).isGreaterThan(0.95);
        assertThat(withoutIds.pairPrecision()).isGreaterThan(0.98);
    }

    @Test
    void theSameSeedGivesTheSameClusters() {
        Evaluation evaluation = new Evaluation(MatchRules.fromClasspath(), 2);

        assertThat(evaluation.run(1_000, 3).clusters().clusterOf())
                .containsExactly(new Evaluation(MatchRules.fromClasspath(), 1).run(1_000, 3).clusters().clusterOf());
    }
}
