package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormalizerTest {

    private static final NameNormalizer NAMES = NameNormalizer.fromClasspath();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            华为技术有限公司                      | 华为技术          | 有限公司
            华为技术 有限公司                     | 华为技术          | 有限公司
            华为技术                              | 华为技术          | NULL
            上海浦东发展银行股份有限公司          | 上海浦东发展银行  | 股份有限公司
            北京字节跳动科技有限责任公司          | 北京字节跳动科技  | 有限责任公司
            海尔集团有限公司                      | 海尔              | 集团有限公司
            海尔集团公司                          | 海尔              | 集团
            海尔集团                              | 海尔              | 集团
            阿里巴巴（中国）有限公司              | 阿里巴巴 中国     | 有限公司
            阿里巴巴(中国)有限公司                | 阿里巴巴 中国     | 有限公司
            ＩＢＭ中国有限公司                    | ibm 中国          | 有限公司
            深圳市腾讯计算机系统有限公司          | 深圳市腾讯计算机系统 | 有限公司
            Acme Co., Ltd.                        | acme              | Co., Ltd.
            ACME CO.,LTD                          | acme              | Co., Ltd.
            Acme Company Limited                  | acme              | Co., Ltd.
            '  Acme   Trading  Ltd '              | acme trading      | Ltd.
            Acme Group Co., Ltd.                  | acme              | Co., Ltd.
            Globex Inc.                           | globex            | Inc.
            Globex Incorporated                   | globex            | Inc.
            Initech LLC                           | initech           | LLC
            Müller Maschinenbau GmbH              | muller maschinenbau | GmbH
            Siemens AG                            | siemens           | AG
            Hag Kaffee                            | hag kaffee        | NULL
            Nestlé S.A.                           | nestle            | S.A.
            Umbrella Corporation                  | umbrella          | Corp.
            Company                               | company           | NULL
            有限公司                              | 有限公司          | NULL
            华 为 技 术 有 限 公 司               | 华为技术          | 有限公司
            华为技术有限公通                      | 华为技术          | 有限公司
            华为技术限有责任公司                  | 华为技术          | 有限责任公司
            华为技术股份有限司                    | 华为技术          | 股份有限公司
            华为技术有限限公司                    | 华为技术          | 有限公司
            华为技术总公司                        | 华为技术总        | 公司
            """)
    void companyKeysDropLegalForms(String raw, String key, String form) {
        NormalizedName name = NAMES.company(raw);
        assertThat(name.matchKey()).isEqualTo(key);
        assertThat(name.legalForm()).isEqualTo(form);
        assertThat(name.branch()).isFalse();
        assertThat(String.join(" ", name.tokens())).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            华为技术有限公司上海分公司            | 华为技术 上海     | 有限公司
            华为技术有限公司（上海分公司）        | 华为技术 上海     | 有限公司
            中国工商银行股份有限公司北京分行      | 中国工商银行 北京 | 股份有限公司
            华为上海分公司                        | 华为上海          | NULL
            Acme Co., Ltd. Shanghai Branch        | acme shanghai     | Co., Ltd.
            Acme Ltd (Beijing Branch Office)      | acme beijing      | Ltd.
            华 为 技 术 有 限 公 司 上 海 分 公 司 | 华为技术 上海     | 有限公司
            华为技术有限公司上海公分司            | 华为技术 上海     | 有限公司
            华为技术有限公司上海分公司司          | 华为技术 上海     | 有限公司
            """)
    void branchesAreFlaggedAndKeepTheirPlace(String raw, String key, String form) {
        NormalizedName name = NAMES.company(raw);
        assertThat(name.branch()).isTrue();
        assertThat(name.matchKey()).isEqualTo(key);
        assertThat(name.legalForm()).isEqualTo(form);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            张伟                | 张伟             | 张伟
            '　张　伟　'        | 张 伟            | 张伟
            林 丽 晨            | 林 丽 晨         | 林丽晨
            欧阳 震华           | 欧阳 震华        | 欧阳震华
            张 Wei              | 张 Wei           | 张 wei
            ZHANG  Wei          | ZHANG Wei        | zhang wei
            Ｚｈａｎｇ Ｗｅｉ   | Zhang Wei        | zhang wei
            Seán O'Brien        | Seán O'Brien     | sean obrien
            Jean-Luc Picard     | Jean-Luc Picard  | jean luc picard
            约翰·史密斯         | 约翰·史密斯      | 约翰 史密斯
            """)
    void personNamesAreFoldedButKeepTheirDisplay(String raw, String display, String key) {
        NormalizedName name = NAMES.person(raw);
        assertThat(name.display()).isEqualTo(display);
        assertThat(name.matchKey()).isEqualTo(key);
        assertThat(name.legalForm()).isNull();
        assertThat(name.branch()).isFalse();
    }

    @Test
    void aMistypedBranchMarkerIsStillABranchButNotEverySlip() {
        assertThat(NAMES.company("华为技术有限公司上海分丽司").branch()).isFalse(); // a replaced character: 总公司 is no branch
        assertThat(NAMES.company("华为技术有限公司上海公司").branch()).isFalse();
    }

    @Test
    void personNamesKeepWordsThatLookLikeLegalForms() {
        assertThat(NAMES.person("Ada Company").matchKey()).isEqualTo("ada company");
    }

    @Test
    void blankNamesAreNoName() {
        assertThat(NAMES.person(" \u3000 ")).isNull();
        assertThat(NAMES.company(null)).isNull();
    }

    @Test
    void namesOfOnlyPunctuationOrOnlyALegalFormFoldToAnEmptyKeyWithoutFailing() {
        for (String raw : new String[] {"-", "·", "（）", "有限公司", "Co. Ltd.", "分公司", "公司分"}) {
            assertThat(NAMES.company(raw)).as(raw).isNotNull();
            assertThat(NAMES.person(raw)).as(raw).isNotNull();
        }
        assertThat(NAMES.company("-").matchKey()).isEmpty();
        assertThat(NAMES.company("·").matchKey()).isEmpty();
    }
}
