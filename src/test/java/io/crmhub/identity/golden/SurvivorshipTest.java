package io.crmhub.identity.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.Phone;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule on its own, with the rest of the file at most-recent (see {@link RulesYaml}). */
class SurvivorshipTest {

    private static final String T1 = "2024-01-01T00:00:00Z";
    private static final String T2 = "2024-02-01T00:00:00Z";
    private static final String T3 = "2024-03-01T00:00:00Z";

    @Test
    void sourcePriorityPrefersTheListedSystemOverANewerValue() {
        Survivorship s = RulesYaml.base().with("name", "{rule: source-priority, systems: [erp, oa, shop]}").survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("shop", "u-7").at(T3).name("上海申通 (网店)").build(),
                Members.of("erp", "C001").at(T1).name("上海申通物流有限公司").build()));

        assertThat(golden.customer().name()).isEqualTo("上海申通物流有限公司");
        assertThat(golden.provenance()).containsEntry("name", new FieldProvenance("erp", "customers", "C001",
                Members.positionOf("erp", "C001"), Members.mappingOf("erp"), "source-priority"));
    }

    @Test
    void scriptPriorityRanksByTheFirstListedScriptAValueHasALetterOf() {
        Survivorship s = RulesYaml.base().with("contact-name", "{rule: script-priority, scripts: [han, latin]}")
                .survivorship();

        GoldenRecord hanFirst = s.survive(List.of(
                Members.of("erp", "1").at(T3).contactName("Li Na").build(),
                Members.of("oa", "2").at(T2).contactName("Ли На").build(),
                Members.of("shop", "3").at(T1).contactName("李娜 (Lina)").build()));
        GoldenRecord latinOverUnlisted = s.survive(List.of(
                Members.of("erp", "1").at(T1).contactName("Li Na").build(),
                Members.of("oa", "2").at(T3).contactName("Ли На").build(),
                Members.of("shop", "3").at(T3).contactName("007").build()));

        assertThat(hanFirst.customer().contactName()).isEqualTo("李娜 (Lina)");
        assertThat(hanFirst.provenance().get("contactName").rule()).isEqualTo("script-priority");
        assertThat(latinOverUnlisted.customer().contactName()).isEqualTo("Li Na");
    }

    @Test
    void aBlankValueNeverSurvivesOverAPresentOne() {
        Survivorship s = RulesYaml.base().with("name", "{rule: source-priority, systems: [erp, oa, shop]}").survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("erp", "C001").at(T3).name(" \u3000 ").build(),
                Members.of("shop", "u-7").at(T1).name("申通快递").build()));

        assertThat(golden.customer().name()).isEqualTo("申通快递");
        assertThat(golden.provenance().get("name").system()).isEqualTo("shop");
    }

    @Test
    void anUnlistedSystemRanksAfterEveryListedOneButStillBeatsNoValue() {
        Survivorship s = RulesYaml.base().with("owner", "{rule: source-priority, systems: [erp, oa]}").survivorship();

        assertThat(s.survive(List.of(Members.of("scm", "9").at(T3).owner("王强").build(),
                Members.of("oa", "5").at(T1).owner("李娜").build())).customer().owner()).isEqualTo("李娜");
        assertThat(s.survive(List.of(Members.of("scm", "9").owner("王强").build(),
                Members.of("oa", "5").build())).customer().owner()).isEqualTo("王强");
    }

    @Test
    void thePartnerEntryStandsForEveryPartnerAndASpecificPartnerCanRankAboveIt() {
        Survivorship s = RulesYaml.base()
                .with("name", "{rule: source-priority, systems: [erp, 'partner:acme', partner, shop]}").survivorship();

        GoldenRecord withoutErp = s.survive(List.of(
                Members.of("shop", "u-7").at(T3).name("申通 shop").build(),
                Members.of("partner:globex", "g-1").at(T2).name("申通 globex").build(),
                Members.of("partner:acme", "a-1").at(T1).name("申通 acme").build()));
        GoldenRecord otherPartner = s.survive(List.of(
                Members.of("shop", "u-7").at(T3).name("申通 shop").build(),
                Members.of("partner:globex", "g-1").at(T1).name("申通 globex").build()));

        assertThat(withoutErp.customer().name()).isEqualTo("申通 acme");
        assertThat(withoutErp.provenance().get("name").system()).isEqualTo("partner:acme");
        assertThat(otherPartner.customer().name()).isEqualTo("申通 globex");
    }

    @Test
    void aSystemMerelyStartingWithPartnerIsNotAPartner() {
        assertThat(Rankings.priority(List.of("erp", "partner"), "partners-legacy")).isEqualTo(2);
        assertThat(Rankings.priority(List.of("erp", "partner"), "partner:x")).isEqualTo(1);
        assertThat(Rankings.priority(List.of("erp", "partner"), "partner")).isEqualTo(1);
    }

    @Test
    void mostRecentComparesOccurredAtThenSequence() {
        Survivorship s = RulesYaml.base().with("contact-name", "{rule: most-recent}").survivorship();

        GoldenRecord byTime = s.survive(List.of(
                Members.of("erp", "1").at(T2).sequence(900).contactName("旧联系人").build(),
                Members.of("oa", "2").at(T3).sequence(1).contactName("新联系人").build()));
        GoldenRecord bySequence = s.survive(List.of(
                Members.of("erp", "1").at(T2).sequence(5).contactName("第五次").build(),
                Members.of("oa", "2").at(T2).sequence(6).contactName("第六次").build()));
        GoldenRecord withoutTime = s.survive(List.of(
                Members.of("erp", "1").at(null).sequence(99).contactName("无时间").build(),
                Members.of("oa", "2").at(T1).contactName("有时间").build()));

        assertThat(byTime.customer().contactName()).isEqualTo("新联系人");
        assertThat(byTime.provenance().get("contactName").rule()).isEqualTo("most-recent");
        assertThat(bySequence.customer().contactName()).isEqualTo("第六次");
        assertThat(withoutTime.customer().contactName()).isEqualTo("有时间");
    }

    @Test
    void theFinalTieBreakIsTheSourceKeyInLexicalOrder() {
        Survivorship s = RulesYaml.base().with("owner", "{rule: most-recent}").survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("oa", "7").at(T2).owner("李娜").build(),
                Members.of("erp", "9").at(T2).owner("王强").build()));

        // erp:customers:9 sorts before oa:customers:7 (and 王强 after 李娜, so the value itself did not decide)
        assertThat(golden.customer().owner()).isEqualTo("王强");
    }

    @Test
    void mostCompleteTextIsTheLongestAfterTrimming() {
        Survivorship s = RulesYaml.base().with("industry", "{rule: most-complete}").survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("erp", "1").at(T3).industry("  制造业            ").build(),
                Members.of("oa", "2").at(T1).industry("汽车零部件制造").build()));

        assertThat(golden.customer().industry()).isEqualTo("汽车零部件制造");
        assertThat(golden.provenance().get("industry").rule()).isEqualTo("most-complete");
    }

    @Test
    void mostCompleteAddressesHaveTheMostParts() {
        Survivorship s = RulesYaml.base().with("addresses", "{rule: union, order: most-complete, max: 1}").survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("shop", "u-7").at(T3).address("CN", null, "上海市", "", null).build(),
                Members.of("erp", "C001").at(T1).address("CN", "上海市", "上海市", "浦东新区张江路88号", "201203").build()));

        assertThat(golden.customer().addresses())
                .containsExactly(new Address("CN", "上海市", "上海市", "浦东新区张江路88号", "201203"));
        assertThat(golden.provenance()).containsOnlyKeys("addresses[0]");
        assertThat(golden.provenance().get("addresses[0]").key()).isEqualTo("C001");
    }

    @Test
    void mostFrequentCountsNormalisedValuesAcrossMembers() {
        Survivorship s = RulesYaml.base().with("industry", "{rule: most-frequent}").survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("erp", "1").at(T1).industry("Logistics").build(),
                Members.of("oa", "2").at(T2).industry(" LOGISTICS ").build(),
                Members.of("shop", "3").at(T3).industry("Retail").build()));

        assertThat(golden.customer().industry()).isIn("Logistics", " LOGISTICS ");
        assertThat(golden.provenance().get("industry").rule()).isEqualTo("most-frequent");
        // among the two carriers of the winning value, the default tie-break is the most recent
        assertThat(golden.provenance().get("industry").system()).isEqualTo("oa");
    }

    @Test
    void aMostFrequentTieIsBrokenByTheDeclaredTieBreak() {
        Survivorship s = RulesYaml.base()
                .with("industry", "{rule: most-frequent, tie-break: source-priority, systems: [erp, oa, shop]}")
                .survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("shop", "1").at(T3).industry("Retail").build(),
                Members.of("shop", "2").at(T3).industry("Retail").build(),
                Members.of("oa", "3").at(T1).industry("Logistics").build(),
                Members.of("erp", "4").at(T1).industry("Logistics").build()));

        assertThat(golden.customer().industry()).isEqualTo("Logistics");
        assertThat(golden.provenance().get("industry").system()).isEqualTo("erp");
    }

    @Test
    void highestRankKeepsTheFurthestStageWhateverIsNewer() {
        Survivorship s = Survivorship.fromClasspath();

        GoldenRecord golden = s.survive(List.of(
                Members.of("erp", "C001").at(T1).status(LifecycleStatus.CUSTOMER).build(),
                Members.of("shop", "u-7").at(T3).status(LifecycleStatus.LEAD).build()));

        assertThat(golden.customer().lifecycleStatus()).isEqualTo(LifecycleStatus.CUSTOMER);
        assertThat(golden.provenance().get("lifecycleStatus").rule()).isEqualTo("highest-rank");
        assertThat(golden.provenance().get("lifecycleStatus").key()).isEqualTo("C001");
    }

    @Test
    void churnedHoldsOnlyWhileItIsTheMostRecentStatus() {
        Survivorship s = Survivorship.fromClasspath();
        var churned = LifecycleStatus.CHURNED;
        var customer = LifecycleStatus.CUSTOMER;
        var prospect = LifecycleStatus.PROSPECT;

        GoldenRecord churnedLast = s.survive(List.of(Members.of("oa", "5").at(T1).status(customer).build(),
                Members.of("erp", "C001").at(T3).status(churned).build()));
        GoldenRecord backAgain = s.survive(List.of(Members.of("erp", "C001").at(T2).status(churned).build(),
                Members.of("oa", "5").at(T1).status(customer).build(),
                Members.of("shop", "u-7").at(T3).status(prospect).build()));

        assertThat(churnedLast.customer().lifecycleStatus()).isEqualTo(churned);
        assertThat(churnedLast.provenance().get("lifecycleStatus").rule()).isEqualTo("most-recent");
        assertThat(backAgain.customer().lifecycleStatus()).isEqualTo(customer);
        assertThat(backAgain.provenance().get("lifecycleStatus").system()).isEqualTo("oa");
    }

    @Test
    void unionCollapsesOneNumberInTwoFormsAndOneEmailInTwoCases() {
        Survivorship s = Survivorship.fromClasspath();

        GoldenRecord golden = s.survive(List.of(
                Members.of("erp", "C001").at(T1).phone("+862158881234", "landline").email("Li.Na@Example.com")
                        .email("finance@example.com").build(),
                Members.of("oa", "5").at(T2).phone("+86 21 5888 1234", "unknown").phone("+8613800138000", "mobile")
                        .email("li.na@example.com").build(),
                Members.of("shop", "u-7").at(T3).phone("+8613900139000", "mobile").email("li.na@example.com ").build()));

        assertThat(golden.customer().phones()).extracting(Phone::e164)
                .containsExactly("+862158881234", "+8613900139000", "+8613800138000");
        assertThat(golden.customer().emails()).hasSize(2);
        assertThat(golden.customer().emails().get(0).strip().toLowerCase()).isEqualTo("li.na@example.com");
        assertThat(golden.customer().emails().get(1)).isEqualTo("finance@example.com");
        // the number's most complete form (a known type) is kept, and provenance names its member
        assertThat(golden.customer().phones().get(0)).isEqualTo(new Phone("+862158881234", "landline"));
        assertThat(golden.provenance().get("phones[0]").key()).isEqualTo("C001");
        assertThat(golden.provenance().get("phones[0]").rule()).isEqualTo("union");
        assertThat(golden.provenance().get("phones[1]").key()).isEqualTo("u-7");
        assertThat(golden.provenance().get("phones[2]").key()).isEqualTo("5");
        assertThat(golden.provenance().get("emails[1]").key()).isEqualTo("C001");
        assertThat(golden.provenance()).doesNotContainKeys("phones[3]", "emails[2]");
    }

    @Test
    void unionKeepsAtMostMaxValues() {
        Survivorship s = RulesYaml.base().with("phones", "{rule: union, order: most-recent, max: 2}").survivorship();

        GoldenRecord golden = s.survive(List.of(
                Members.of("erp", "1").at(T1).phone("+8613800000001", "mobile").build(),
                Members.of("oa", "2").at(T2).phone("+8613800000002", "mobile").build(),
                Members.of("shop", "3").at(T3).phone("+8613800000003", "mobile").phone("+8613800000004", "mobile").build()));

        assertThat(golden.customer().phones()).extracting(Phone::e164)
                .containsExactly("+8613800000003", "+8613800000004");
        assertThat(golden.provenance()).containsOnlyKeys("phones[0]", "phones[1]");
    }

    @Test
    void noValueMeansNullOrEmptyAndNoProvenance() {
        GoldenRecord golden = Survivorship.fromClasspath().survive(List.of(Members.of("shop", "u-7").name("李娜").build()));

        assertThat(golden.customer().taxId()).isNull();
        assertThat(golden.customer().phones()).isEmpty();
        assertThat(golden.provenance()).containsOnlyKeys("name");
    }

    @Test
    void aGoldenRecordNeedsAMember() {
        assertThatThrownBy(() -> Survivorship.fromClasspath().survive(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
