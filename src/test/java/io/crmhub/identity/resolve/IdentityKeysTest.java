package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.identity.match.Field;
import io.crmhub.identity.match.TermFrequencies;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Term frequencies from the store's key counts ({@link IdentityKeys#frequencies}). */
class IdentityKeysTest {

    @Test
    void termKeysAndTheBlockKeysThatAreComparedValuesCountTheirValues() {
        Map<String, Long> counts = Map.of(
                "tf:NAME:wangwei", 3L,
                "tf:EMAIL:info@acme.cn", 40L,
                "tf:ADDRESS:310000|shanghai|", 5L,
                "phone:+8613800138000", 2L,
                "email:wei@acme.cn", 1L,
                "address:310000|shanghai|nanjing-rd|88", 4L,
                "name:wang", 9L,          // a block key whose value is not what the name comparator compares
                "pinyin:wangwei", 12L,
                "emails:x", 7L);          // another kind, not the e-mail's

        TermFrequencies tf = IdentityKeys.frequencies(counts, 1_000);

        assertThat(tf.total()).isEqualTo(1_000);
        assertThat(tf.counts().get(Field.NAME)).containsExactly(Map.entry("wangwei", 3L));
        assertThat(tf.counts().get(Field.PHONE)).containsExactly(Map.entry("+8613800138000", 2L));
        assertThat(tf.counts().get(Field.EMAIL)).containsOnly(Map.entry("info@acme.cn", 40L),
                Map.entry("wei@acme.cn", 1L));
        assertThat(tf.counts().get(Field.ADDRESS)).containsOnly(Map.entry("310000|shanghai|", 5L),
                Map.entry("310000|shanghai|nanjing-rd|88", 4L));
        assertThat(tf.counts().get(Field.DOCUMENT)).isEmpty();
    }
}
