package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinyinKeysTest {

    private static final NameNormalizer NAMES = NameNormalizer.fromClasspath();
    private static final PinyinKeys PINYIN = PinyinKeys.fromClasspath();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            张伟            | wei zhang
            Zhang Wei       | wei zhang
            Wei Zhang       | wei zhang
            ZHANG  WEI      | wei zhang
            ｚｈａｎｇ ｗｅｉ | wei zhang
            王小明          | ming wang xiao
            Xiaoming Wang   | ming wang xiao
            Wang Xiao Ming  | ming wang xiao
            吕布            | bu lu
            Lv Bu           | bu lu
            单伟            | shan wei
            Shan Wei        | shan wei
            曾小贤          | xian xiao zeng
            John Smith      | john smith
            """)
    void personKeysMeetAcrossScriptAndWordOrder(String raw, String key) {
        assertThat(PINYIN.key(NAMES.person(raw), true)).isEqualTo(key);
    }

    @Test
    void aSurnameReadingAppliesOnlyToThePersonsFirstCharacter() {
        assertThat(PINYIN.key(NAMES.company("单元科技有限公司"), false)).isEqualTo("dan ji ke yuan");
        assertThat(PINYIN.key(NAMES.person("王单"), true)).isEqualTo("dan wang");
    }

    @Test
    void aCharacterBeyondTheBasicPlaneStaysWhole() {
        String key = PINYIN.key(NAMES.person("王\uD845\uDC84"), true); // 王𡒄: U+21484 is a surrogate pair in Java
        assertThat(key).isEqualTo("wang \uD845\uDC84");
        assertThat(key.codePoints().filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .isEmpty();
    }

    @Test
    void noNameNoKey() {
        assertThat(PINYIN.key(null, true)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            xiaoming  | xiao ming
            zhangwei  | zhang wei
            smith     | smith
            xian      | xian
            yuna      | yu na
            wanan     | wa nan
            """)
    void latinWordsSplitIntoSyllablesOnlyWhenTheyArePinyin(String word, String split) {
        assertThat(String.join(" ", PINYIN.splitLatin(word))).isEqualTo(split);
    }
}
