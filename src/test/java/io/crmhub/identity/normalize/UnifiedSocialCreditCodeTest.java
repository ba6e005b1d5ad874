package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.identity.normalize.NormalizedTaxId.Problem;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnifiedSocialCreditCodeTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** GB 32100-2015 written out again here, so the test does not trust the code it checks. */
    private static String withCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return first17 + ALPHABET.charAt(check == 31 ? 0 : check);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            91350100M000100Y43           | 91350100M000100Y43
            91350100m000100y43           | 91350100M000100Y43
            ' 9135 0100 M000 100Y 43 '   | 91350100M000100Y43
            91350100-M000100Y4-3         | 91350100M000100Y43
            ９１３５０１００Ｍ０００１００Ｙ４３ | 91350100M000100Y43
            """)
    void aPublishedCodeIsValidHoweverItIsTyped(String raw, String code) {
        NormalizedTaxId id = UnifiedSocialCreditCode.normalize(raw);
        assertThat(id.value()).isEqualTo(code);
        assertThat(id.valid()).isTrue();
        assertThat(id.matchKey()).contains(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"91110105MA01234567", "91310115000000000", "913101150000000000", "91440300ABCDEFGHJK", "52330106K00000001"})
    void computedCodesAreValid(String seed) {
        String code = withCheck(seed.substring(0, 17).replace('I', '1').replace('O', '0'));
        assertThat(UnifiedSocialCreditCode.normalize(code).valid()).as(code).isTrue();
        assertThat(UnifiedSocialCreditCode.checkChar(code)).isEqualTo(code.charAt(17));
    }

    @Test
    void randomCodesAgreeWithTheStandardWrittenOut() {
        Random rnd = new Random(11);
        for (int n = 0; n < 500; n++) {
            StringBuilder first17 = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                first17.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            assertThat(UnifiedSocialCreditCode.checkChar(first17)).isEqualTo(withCheck(first17.toString()).charAt(17));
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            91350100M000100Y44    | BAD_CHECK_CHARACTER
            91350100M000100Y34    | BAD_CHECK_CHARACTER
            91350100M000100Y4     | WRONG_LENGTH
            91350100M000100Y433   | WRONG_LENGTH
            110105012345678       | WRONG_LENGTH
            91350100M000100I43    | BAD_CHARACTER
            91350100M00O100Y43    | BAD_CHARACTER
            """)
    void anInvalidCodeIsReportedAndNeverAMatchKey(String raw, Problem problem) {
        NormalizedTaxId id = UnifiedSocialCreditCode.normalize(raw);
        assertThat(id.valid()).isFalse();
        assertThat(id.problem()).isEqualTo(problem);
        assertThat(id.matchKey()).isEmpty();
    }

    @Test
    void blankIsNoTaxIdAndBadInputToCheckCharSaysWhereNotWhat() {
        assertThat(UnifiedSocialCreditCode.normalize("  ")).isNull();
        assertThatThrownBy(() -> UnifiedSocialCreditCode.checkChar("9135"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnifiedSocialCreditCode.checkChar("91350100M000100I4"))
                .hasMessage("character 16 is outside the code alphabet");
    }
}
