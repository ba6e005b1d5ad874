package io.crmhub.identity.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PairMatcherTest {

    private static final MatchRules RULES = MatchRules.fromClasspath();
    private static final PairMatcher MATCHER = new PairMatcher(RULES);
    private static final String TAX_A = Records.validTaxId("91310000MA1FL0000");
    private static final String TAX_B = Records.validTaxId("91310000MA1FL1111");

    static Stream<Arguments> deterministicRules() {
        return Stream.of(
                Arguments.of("same valid tax id, names differ", Records.company("上海申通物流有限公司").taxId(TAX_A),
                        Records.company("申通快递").taxId(TAX_A), "same-tax-id"),
                Arguments.of("same personal e-mail, names differ", Records.person("李娜").email("li.na@example.com"),
                        Records.person("Li Na").email("LI.NA@example.com"), "same-email"),
                Arguments.of("same mobile, similar name", Records.person("欧阳明").phone("138 0013 8000"),
                        Records.person("欧阳明 ").phone("+86 13800138000"), "same-phone-similar-name"),
                Arguments.of("张伟 meets Zhang Wei on a phone", Records.person("张伟").phone("13800138000"),
                        Records.person("Zhang Wei").phone("0086 138 0013 8000"), "same-phone-similar-name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministicRules")
    void deterministicRulesMerge(String scenario, Records a, Records b, String rule) {
        MatchExplanation e = MATCHER.compare(a.build(), b.build(), TermFrequencies.none());

        assertThat(e.outcome()).isEqualTo(Outcome.MERGE);
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.rulesVersion()).isEqualTo(RULES.version());
    }

    @Test
    void zhangWeiAndZhangWeiInLatinMeetOnThePinyinLevel() {
        MatchExplanation e = MATCHER.compare(Records.person("张伟").build(), Records.person("Zhang Wei").build(),
                TermFrequencies.none());

        assertThat(e.comparison(Field.NAME).level()).isEqualTo(Level.PINYIN);
        assertThat(e.comparison(Field.NAME).weight()).isPositive();
    }

    @Test
    void theSamePhoneWithADifferentNameIsNoRule() {
        MatchExplanation e = MATCHER.compare(Records.person("李娜").phone("13800138000").build(),
                Records.person("王强").phone("13800138000").build(), TermFrequencies.none());

        assertThat(e.rule()).isNull();
        assertThat(e.comparison(Field.NAME).level()).isEqualTo(Level.DIFFERENT);
        assertThat(e.comparison(Field.NAME).weight()).isNegative();
    }

    @Test
    void twoPeopleSharingASwitchboardAndARoleMailboxDoNotMerge() {
        List<NormalizedCustomer> staff = new ArrayList<>();
        String[] names = {"李娜", "王强", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰"};
        for (String name : names) {
            staff.add(Records.person(name).phone("021-5888 1234").email("info@acme.cn").build());
        }
        TermFrequencies tf = TermFrequencies.count(withBackground(staff));

        MatchExplanation e = MATCHER.compare(staff.get(0), staff.get(1), tf);

        assertThat(e.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(e.rule()).isNull();
        assertThat(e.comparison(Field.PHONE).tfAdjusted()).isTrue();
        assertThat(e.comparison(Field.EMAIL).level()).isEqualTo(Level.SHARED);
        assertThat(e.score()).isLessThan(RULES.thresholds().review());
    }

    @Test
    void twoDifferentValidTaxIdsNeverMergeEvenWithTheSameNameAndAddress() {
        Records a = Records.company("华为技术有限公司").taxId(TAX_A).address("浦东新区世纪大道100号501室");
        Records b = Records.company("华为技术有限公司").taxId(TAX_B).address("浦东新区世纪大道100号501室");

        MatchExplanation e = MATCHER.compare(a.build(), b.build(), TermFrequencies.none());

        assertThat(e.score()).isGreaterThanOrEqualTo(RULES.thresholds().merge());
        assertThat(e.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(e.rule()).isEqualTo("cannot-link:different-tax-ids");
    }

    @Test
    void aBranchDoesNotMergeWithItsHeadOffice() {
        Records head = Records.company("华为技术有限公司").phone("021-5888 1234").email("zhang.wei@huawei.com");
        Records branch = Records.company("华为技术有限公司上海分公司").phone("021-5888 1234").email("zhang.wei@huawei.com");

        MatchExplanation e = MATCHER.compare(head.build(), branch.build(), TermFrequencies.none());

        assertThat(e.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(e.rule()).isEqualTo("cannot-link:branch-and-head-office");
    }

    @Test
    void aCommonNameAloneStaysBelowReviewWhileARareNameAndTheSameAddressMerge() {
        List<NormalizedCustomer> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(Records.person("王伟").build());
        }
        NormalizedCustomer rare1 = Records.person("欧阳震华").address("浦东新区世纪大道100号3号楼501室").build();
        NormalizedCustomer rare2 = Records.person("欧阳震华").address("浦东新区世纪大道１００号3号楼501室").build();
        records.add(rare1);
        records.add(rare2);
        TermFrequencies tf = TermFrequencies.count(withBackground(records));

        MatchExplanation common = MATCHER.compare(records.get(0), records.get(1), tf);
        MatchExplanation rare = MATCHER.compare(rare1, rare2, tf);

        assertThat(common.comparison(Field.NAME).level()).isEqualTo(Level.EXACT);
        assertThat(common.comparison(Field.NAME).tfAdjusted()).isTrue();
        assertThat(common.score()).isLessThan(RULES.thresholds().review());
        assertThat(common.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(rare.comparison(Field.ADDRESS).level()).isEqualTo(Level.EXACT);
        assertThat(rare.outcome()).isEqualTo(Outcome.MERGE);
        assertThat(rare.rule()).isNull();
    }

    @Test
    void theSameRoadWithAnotherRoomIsNotTheSameAddress() {
        MatchExplanation e = MATCHER.compare(
                Records.person("欧阳震华").address("浦东新区世纪大道100号501室").build(),
                Records.person("欧阳震华").address("浦东新区世纪大道100号502室").build(), TermFrequencies.none());

        assertThat(e.comparison(Field.ADDRESS).level()).isEqualTo(Level.SAME_ROAD);
        assertThat(e.comparison(Field.ADDRESS).weight()).isZero();
        // the name is then the only agreeing field: scored in the review band, but not a pair to review
        assertThat(e.score()).isBetween(RULES.thresholds().review(), RULES.thresholds().merge());
        assertThat(e.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(e.rule()).isEqualTo(PairMatcher.TOO_LITTLE_EVIDENCE);
    }

    @Test
    void aPairInTheReviewBandIsReviewedOnlyWhenSomethingBesidesTheNameAgrees() {
        NormalizedCustomer left = Records.person("欧阳震华").phone("13911112222").email("info@zhenhua-trade.cn")
                .address("浦东新区世纪大道200号501室").build();
        MatchExplanation nameOnly = MATCHER.compare(left,
                Records.person("欧阳震华").phone("13833334444").address("浦东新区世纪大道200号502室").build(),
                TermFrequencies.none());
        MatchExplanation sameMailbox = MATCHER.compare(left,
                Records.person("欧阳震华").phone("13833334444").email("info@zhenhua-trade.cn")
                        .address("浦东新区世纪大道200号502室").build(), TermFrequencies.none());

        assertThat(nameOnly.score()).isGreaterThanOrEqualTo(RULES.thresholds().review());
        assertThat(nameOnly.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(nameOnly.rule()).isEqualTo(PairMatcher.TOO_LITTLE_EVIDENCE);
        assertThat(sameMailbox.comparison(Field.EMAIL).level()).isEqualTo(Level.SHARED);
        assertThat(sameMailbox.score()).isBetween(RULES.thresholds().review(), RULES.thresholds().merge());
        assertThat(sameMailbox.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(sameMailbox.rule()).isNull();
        // the fast path used on millions of pairs decides the same
        assertThat(MATCHER.decide(left, Records.person("欧阳震华").phone("13833334444")
                .address("浦东新区世纪大道200号502室").build(), TermFrequencies.none()).outcome())
                .isEqualTo(Outcome.NO_MATCH);
    }

    @Test
    void withReviewMinFieldsOneEveryPairInTheBandIsReviewed() {
        MatchRules everyPair = new MatchRules(RULES.version(), new MatchRules.Thresholds(RULES.thresholds().merge(),
                RULES.thresholds().review(), 1), RULES.deterministic(), RULES.cannotLink(), RULES.nameSimilarity(),
                RULES.fields(), RULES.blocking(), RULES.clustering());

        MatchExplanation e = new PairMatcher(everyPair).compare(
                Records.person("欧阳震华").address("浦东新区世纪大道100号501室").build(),
                Records.person("欧阳震华").address("浦东新区世纪大道100号502室").build(), TermFrequencies.none());

        assertThat(e.outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void aSlipInAChineseNameWithTheSameMobileMerges() {
        MatchExplanation dropped = MATCHER.compare(Records.person("丁睿蕾").phone("13800138000").build(),
                Records.person("丁蕾").phone("+86 138 0013 8000").build(), TermFrequencies.none());
        MatchExplanation doubled = MATCHER.compare(Records.person("潘毅楠").phone("13800138000").build(),
                Records.person("潘毅毅楠").phone("13800138000").build(), TermFrequencies.none());

        assertThat(dropped.rule()).isEqualTo("same-phone-similar-name");
        assertThat(doubled.comparison(Field.NAME).level()).isEqualTo(Level.FUZZY_HIGH);
        assertThat(doubled.outcome()).isEqualTo(Outcome.MERGE);
    }

    @Test
    void siblingsSharingAMobileAreNotOneCustomer() {
        MatchExplanation e = MATCHER.compare(Records.person("王建国").phone("13800138000").build(),
                Records.person("王建军").phone("13800138000").build(), TermFrequencies.none());

        assertThat(e.rule()).isNull();
        assertThat(e.outcome()).isNotEqualTo(Outcome.MERGE);
    }

    @Test
    void aRomanisedNameWithATypoMeetsItsHanSpellingOnPinyin() {
        MatchExplanation e = MATCHER.compare(Records.person("王志泽").phone("13800138000").build(),
                Records.person("Wagn Zhize").phone("13800138000").build(), TermFrequencies.none());

        assertThat(e.comparison(Field.NAME).level()).isEqualTo(Level.FUZZY_HIGH);
        assertThat(e.outcome()).isEqualTo(Outcome.MERGE);
    }

    @Test
    void aCompanyWithoutItsPlacePrefixIsAFuzzyName() {
        MatchExplanation e = MATCHER.compare(Records.company("成都弘豪科技有限公司").build(),
                Records.company("弘豪科技有限公司").build(), TermFrequencies.none());

        assertThat(e.comparison(Field.NAME).level()).isEqualTo(Level.FUZZY_HIGH);
        assertThat(e.outcome()).isEqualTo(Outcome.NO_MATCH);
    }

    /** Unrelated records, so frequencies are taken over a realistic population rather than the case alone. */
    private static List<NormalizedCustomer> withBackground(List<NormalizedCustomer> records) {
        List<NormalizedCustomer> all = new ArrayList<>(records);
        for (int i = 0; i < 960; i++) {
            all.add(Records.person("客户" + i).phone(String.format("139%08d", i)).build());
        }
        return all;
    }
}
