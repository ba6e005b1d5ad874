package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.identity.normalize.PhoneNormalizer.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PhoneNormalizerTest {

    private static final PhoneNormalizer CN = new PhoneNormalizer("CN");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            13800138000           | +8613800138000 | MOBILE
            138 0013 8000         | +8613800138000 | MOBILE
            138-0013-8000         | +8613800138000 | MOBILE
            +86 138 0013 8000     | +8613800138000 | MOBILE
            +86-13800138000       | +8613800138000 | MOBILE
            0086 138 0013 8000    | +8613800138000 | MOBILE
            008613800138000       | +8613800138000 | MOBILE
            １３８００１３８０００ | +8613800138000 | MOBILE
            ＋８６ １３８ ００１３ ８０００ | +8613800138000 | MOBILE
            010-6552 9988         | +861065529988  | LANDLINE
            (021) 5888 1234       | +862158881234  | LANDLINE
            0086 21 5888 1234     | +862158881234  | LANDLINE
            400-810-8888          | +864008108888  | SERVICE
            +1 650 253 0000       | +16502530000   | UNKNOWN
            +44 20 7031 3000      | +442070313000  | LANDLINE
            """)
    void messyNumbersBecomeE164WithTheirType(String raw, String e164, PhoneType type) {
        assertThat(CN.normalize(raw)).contains(new NormalizedPhone(e164, type));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not a phone   | NOT_A_NUMBER
            ''            | NOT_A_NUMBER
            12345         | INVALID_NUMBER
            1380013800    | INVALID_NUMBER
            """)
    void unusableNumbersSayWhy(String raw, Outcome outcome) {
        assertThat(CN.parse(raw).outcome()).isEqualTo(outcome);
        assertThat(CN.normalize(raw)).isEmpty();
    }

    @Test
    void theDefaultRegionIsConfigurable() {
        PhoneNormalizer us = new PhoneNormalizer("us");
        assertThat(us.normalize("(650) 253-0000")).map(NormalizedPhone::e164).contains("+16502530000");
        assertThat(CN.normalize("(650) 253-0000")).isEmpty();
        assertThatThrownBy(() -> new PhoneNormalizer("XX")).hasMessageContaining("unknown phone region");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +86 138 0013 8000   | +8613800138000
            0086-138-0013-8000  | 008613800138000
            021-5888 1234       | 02158881234
            13800138000         | 13800138000
            138 0013 8000 x12   | 138 0013 8000 x12
            (021) 5888 1234     | (021) 5888 1234
            """)
    void onlySpacesAndHyphensBetweenDigitsAreDroppedFromTheCacheKey(String text, String key) {
        assertThat(PhoneNormalizer.cacheKey(text)).isEqualTo(key);
    }

    @Test
    void aCachedResultIsTheParsedOne() {
        PhoneNormalizer phones = new PhoneNormalizer("CN");
        for (String raw : new String[] {"+86 138 0013 8000", "+86-138-00138000", "138 0013 8000", "1380013800"}) {
            PhoneNormalizer.Result first = phones.parse(raw);
            assertThat(first).isEqualTo(phones.parseNumber(Texts.halfwidth(raw).strip()));
            assertThat(new PhoneNormalizer("CN").parse(raw)).isEqualTo(first);
            assertThat(phones.parse(raw)).isEqualTo(first);
        }
        assertThat(phones.parse("138 0013 8000").outcome()).isEqualTo(Outcome.VALID);
        assertThat(phones.parse("1380013800").outcome()).isEqualTo(Outcome.INVALID_NUMBER);
    }

    /**
     * A Chinese mobile written as its eleven digits, bare or after +86, is taken without libphonenumber's parse: for
     * every four-digit start, with random rest, the number is the one the parser makes (valid or not, its type and
     * E.164 form alike), and the starts the parser may read as carrier prefixes (11, 12, 179) are left to it, as 10.
     */
    @Test
    void aChineseMobileTakenWithoutTheParserIsWhatTheParserMakesOfIt() {
        java.util.Random random = new java.util.Random(11);
        PhoneNormalizer us = new PhoneNormalizer("US");
        int taken = 0;
        for (int start = 1000; start <= 1999; start++) {
            for (int n = 0; n < 25; n++) {
                String digits = start + String.format("%07d", random.nextInt(10_000_000));
                boolean parsed = digits.startsWith("10") || digits.startsWith("11") || digits.startsWith("12")
                        || digits.startsWith("179"); // no mobile starts 10; the others may start a carrier prefix
                for (String[] form : new String[][] {{"CN", digits}, {"CN", "+86" + digits}, {"US", "+86" + digits}}) {
                    PhoneNormalizer phones = form[0].equals("CN") ? CN : us;
                    com.google.i18n.phonenumbers.Phonenumber.PhoneNumber fast = phones.chineseMobile(form[1]);
                    if (parsed) {
                        assertThat(fast).as(form[1]).isNull();
                    } else {
                        assertThat(fast).as(form[1]).isNotNull();
                        assertThat(PhoneNormalizer.typed(fast)).as(form[1]).isEqualTo(phones.parseNumber(form[1]));
                        taken++;
                    }
                }
            }
        }
        assertThat(taken).isEqualTo((1000 - 300 - 10) * 25 * 3);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            13800138000     | US
            1380013800      | CN
            138001380001    | CN
            +8613800138000  | CN_
            +861380013800   | CN
            +85213800138000 | CN
            1380013800x     | CN
            +86138001380x0  | CN
            12800138000     | CN
            17912345678     | CN
            +8617912345678  | CN
            ０13800138000    | CN
            """)
    void anyOtherTextGoesThroughTheParser(String key, String region) {
        // CN_ is CN with the key one character longer than a mobile's after +86
        PhoneNormalizer phones = new PhoneNormalizer(region.replace("_", ""));
        assertThat(phones.chineseMobile(region.endsWith("_") ? key + "0" : key)).isNull();
    }

    /**
     * The mapping writes a number's E.164 form and identity parses that form again: it is served from the cache the
     * first parse filled, and must be what parsing it would give — whatever the region that read the original text.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ０２１ ５８８８ 1234  | CN
            0086 10 6552 9988     | CN
            4008108888            | CN
            +1 650 253 0000       | CN
            (650) 253-0001        | US
            020 7031 3001         | GB
            """)
    void aValidNumbersE164FormIsCachedAsItsOwnParse(String raw, String region) {
        PhoneNormalizer phones = new PhoneNormalizer(region);
        PhoneNormalizer.Result result = phones.parse(raw);
        assertThat(result.outcome()).isEqualTo(Outcome.VALID);
        String e164 = result.phone().e164();
        for (PhoneNormalizer other : new PhoneNormalizer[] {phones, CN, new PhoneNormalizer("US")}) {
            assertThat(other.parse(e164)).isEqualTo(other.parseNumber(e164)).isEqualTo(result);
        }
    }
}
