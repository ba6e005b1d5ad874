package io.crmhub.identity.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HanNamesTest {

    @ParameterizedTest(name = "{0} / {1}: slip {2}, short-name slip {3}")
    @CsvSource(delimiter = '|', textBlock = """
            潘毅毅楠 | 潘毅楠   | true  | true
            欧阳震华 | 欧阳华震 | true  | true
            林丽晨   | 林丽晨晨 | true  | true
            丁睿蕾   | 丁蕾     | false | true
            王强超   | 王强     | false | true
            王建国   | 王建军   | false | false
            王伟     | 王芳     | false | false
            丁睿蕾   | 陈睿蕾   | false | false
            林丽晨   | 林丽晨   | false | false
            丁睿蕾   | 丁睿蕾明明 | false | false
            li lichen | li li chen | false | false
            """)
    void onlyDroppedDoubledOrSwappedCharactersAreSlips(String a, String b, boolean slip, boolean shortSlip) {
        assertThat(HanNames.oneCharacterSlip(a, b)).isEqualTo(slip);
        assertThat(HanNames.oneCharacterSlip(b, a)).isEqualTo(slip);
        assertThat(HanNames.slipOfShortName(a, b)).isEqualTo(shortSlip);
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            成都弘豪科技 | 弘豪科技   | true
            弘豪科技     | 黑龙江弘豪科技 | true
            北京华为     | 华为       | false
            成都弘豪科技 | 成都弘豪   | false
            弘豪科技     | 弘豪科技   | false
            """)
    void aCompanyNameWithoutItsPlace(String a, String b, boolean expected) {
        assertThat(HanNames.placeLeftOut(a, b)).isEqualTo(expected);
    }
}
