package io.crmhub.identity.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchRulesTest {

    @Test
    void thePackagedRulesLoadIntoTypedRecords() {
        MatchRules rules = MatchRules.fromClasspath();

        assertThat(rules.thresholds().merge()).isGreaterThan(rules.thresholds().review());
        assertThat(rules.fields()).containsOnlyKeys(Field.values());
        assertThat(rules.fields().get(Field.NAME).levels())
                .containsKeys(Level.EXACT, Level.PINYIN, Level.FUZZY_HIGH, Level.FUZZY_LOW);
        assertThat(rules.deterministic().samePhone().maxRecordsSharing()).isPositive();
        assertThat(rules.cannotLink().differentTaxIds()).isTrue();
        assertThat(rules.blocking().maxBlockSize()).isGreaterThan(1);
        assertThat(rules.clustering().maxClusterSize()).isPositive();
    }

    @Test
    void agreementWeighsLog2MOverUAndDisagreementTheComplement() {
        FieldLevels levels = FieldLevels.of(Map.of(Level.EXACT, new Probabilities(0.8, 0.01),
                Level.FUZZY_HIGH, new Probabilities(0.1, 0.04)));

        assertThat(levels.weight(Level.EXACT)).isCloseTo(Math.log(80) / Math.log(2), within(1e-9));
        assertThat(levels.weight(Level.DIFFERENT)).isCloseTo(Math.log(0.1 / 0.95) / Math.log(2), within(1e-9));
        assertThat(levels.weight(Level.MISSING)).isZero();
        assertThat(levels.weight(Level.SAME_ROAD)).isZero();
    }

    @Test
    void aCommonValueGetsTheHigherOfUAndItsFrequency() {
        TermFrequencies tf = new TermFrequencies(Map.of(Field.NAME, Map.of("王伟", 300L, "欧阳震华", 2L)), 10_000);

        assertThat(tf.adjustedU(Field.NAME, "王伟", 0.0005)).isEqualTo(0.03);
        assertThat(tf.adjustedU(Field.NAME, "欧阳震华", 0.0005)).isEqualTo(0.0005);
        assertThat(TermFrequencies.none().adjustedU(Field.NAME, "王伟", 0.0005)).isEqualTo(0.0005);
    }

    @Test
    void aBrokenFileIsRejectedWithTheKeyNamed() {
        String yaml = "version: 1\nthresholds: {merge: 5, review: 9}\n";

        assertThatThrownBy(() -> MatchRules.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasStackTraceContaining("thresholds.review must not exceed thresholds.merge");
    }

    @Test
    void reviewMinFieldsIsRequiredAndBounded() {
        assertThatThrownBy(() -> new MatchRules.Thresholds(14, 8, null))
                .hasMessageContaining("thresholds.review-min-fields");
        assertThatThrownBy(() -> new MatchRules.Thresholds(14, 8, 0))
                .hasMessageContaining("thresholds.review-min-fields must be between 1 and");
        assertThat(MatchRules.fromClasspath().thresholds().reviewMinFields()).isEqualTo(2);
    }

    @Test
    void anUnknownKeyIsRejected() {
        String yaml = "version: 1\nthreshold: {merge: 5, review: 1}\n";

        assertThatThrownBy(() -> MatchRules.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasStackTraceContaining("threshold");
    }
}
