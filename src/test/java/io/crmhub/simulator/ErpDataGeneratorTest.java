package io.crmhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/** The demo data is messy in format but valid in substance, so the demo shows mapping, not rejects. */
class ErpDataGeneratorTest {

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    @Test
    void everyGeneratedPhoneIsAValidChineseNumberWhateverItsFormat() throws NumberParseException {
        ErpDataGenerator gen = new ErpDataGenerator(42);
        for (int i = 0; i < 2_000; i++) {
            for (String raw : new String[] {gen.mobile(), gen.landline()}) {
                String halfWidth = Normalizer.normalize(raw, Normalizer.Form.NFKC);
                assertThat(phones.isValidNumber(phones.parse(halfWidth, "CN"))).as(raw).isTrue();
            }
        }
    }

    @Test
    void generatedTaxIdsCarryAValidCheckCharacter() {
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 1_000; i++) {
            String code = UsccCodes.random(rnd);
            assertThat(code).hasSize(18);
            assertThat(UnifiedSocialCreditCode.normalize(code).valid()).as(code).isTrue();
        }
    }
}
