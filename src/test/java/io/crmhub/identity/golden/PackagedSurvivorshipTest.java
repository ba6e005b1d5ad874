package io.crmhub.identity.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packaged survivorship.yaml applied to realistic members: tax ids, deletes, provenance, order. */
class PackagedSurvivorshipTest {

    private static final Survivorship SURVIVORSHIP = Survivorship.fromClasspath();
    private static final String VALID = Members.validTaxId("91310000MA1FL0000");
    private static final String OTHER_VALID = Members.validTaxId("91310000MA1FL1111");
    private static final String INVALID = Members.invalidTaxId("91310000MA1FL2222");

    @Test
    void birthDateByMajorityAndEveryDocument() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("erp", "C001").born("1990-03-07")
                        .document(io.crmhub.canonical.Customer.DocumentType.CN_RESIDENT_ID, "110105199003070025")
                        .build(),
                Members.of("shop", "u-7").at("2024-06-01T00:00:00Z").born("1990-07-03").build(),
                Members.of("oa", "5").born("1990-03-07")
                        .document(io.crmhub.canonical.Customer.DocumentType.PASSPORT, "E12345678").build()));

        assertThat(golden.customer().birthDate()).isEqualTo(java.time.LocalDate.of(1990, 3, 7));
        assertThat(golden.customer().documents()).extracting(io.crmhub.canonical.Customer.Document::number)
                .containsExactlyInAnyOrder("110105199003070025", "E12345678");
        assertThat(golden.provenance()).containsKeys("birthDate", "documents[0]", "documents[1]");
    }

    @Test
    void aHanScriptNameBeatsItsRomanisationEvenFromTheSystemOfRecord() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("erp", "C001").at("2024-06-01T00:00:00Z").name("Li Na").build(),
                Members.of("shop", "u-7").at("2024-01-01T00:00:00Z").name("李娜").build(),
                Members.of("partner:acme", "9").at("2024-07-01T00:00:00Z").name("LI NA").build()));

        assertThat(golden.customer().name()).isEqualTo("李娜");
        assertThat(golden.provenance().get("name")).extracting(FieldProvenance::system, FieldProvenance::key,
                FieldProvenance::rule).containsExactly("shop", "u-7", "script-priority");
    }

    @Test
    void amongHanScriptNamesTheSystemOfRecordStillWins() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("shop", "u-7").at("2024-06-01T00:00:00Z").name("李娜").build(),
                Members.of("erp", "C001").at("2024-01-01T00:00:00Z").name("李 娜 (VIP)").build(),
                Members.of("oa", "5").name("Li Na").build()));

        assertThat(golden.customer().name()).isEqualTo("李 娜 (VIP)");
        assertThat(golden.provenance().get("name").system()).isEqualTo("erp");
    }

    @Test
    void withoutAHanScriptNameTheSystemOfRecordWinsThenTheNewest() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("shop", "u-7").at("2024-06-01T00:00:00Z").name("Lina Li").build(),
                Members.of("erp", "C001").at("2024-01-01T00:00:00Z").name("Li Na").build(),
                Members.of("erp", "C002").at("2024-03-01T00:00:00Z").name("LI Na").build()));

        assertThat(golden.customer().name()).isEqualTo("LI Na");
        assertThat(golden.provenance().get("name")).extracting(FieldProvenance::key, FieldProvenance::rule)
                .containsExactly("C002", "script-priority");
    }

    @Test
    void anInvalidTaxIdNeverBeatsAValidOneEvenFromTheSystemOfRecord() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("erp", "C001").at("2024-06-01T00:00:00Z").taxId(INVALID).build(),
                Members.of("shop", "u-7").at("2024-01-01T00:00:00Z").taxId(VALID).build()));

        assertThat(golden.customer().taxId()).isEqualTo(VALID);
        assertThat(golden.provenance().get("taxId").system()).isEqualTo("shop");
        assertThat(golden.provenance().get("taxId").rule()).isEqualTo("source-priority");
    }

    @Test
    void amongValidTaxIdsTheSystemOfRecordWins() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("shop", "u-7").taxId(OTHER_VALID).build(),
                Members.of("erp", "C001").taxId(VALID).build(),
                Members.of("oa", "5").taxId(OTHER_VALID).build()));

        assertThat(golden.customer().taxId()).isEqualTo(VALID);
    }

    @Test
    void anInvalidTaxIdSurvivesWhenItIsAllThereIs() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(Members.of("oa", "5").taxId(INVALID).build(),
                Members.of("shop", "u-7").name("申通").build()));

        assertThat(golden.customer().taxId()).isEqualTo(INVALID);
        assertThat(golden.provenance().get("taxId").key()).isEqualTo("5");
    }

    @Test
    void deletedMembersGiveNothingToTheGoldenRecord() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("erp", "C001").deleted().name("上海申通物流有限公司").phone("+862158881234", "landline").build(),
                Members.of("shop", "u-7").name("申通快递").phone("+8613800138000", "mobile").build()));

        assertThat(golden.customer().name()).isEqualTo("申通快递");
        assertThat(golden.customer().phones()).hasSize(1);
        assertThat(golden.provenance().values()).extracting(FieldProvenance::system).containsOnly("shop");
    }

    @Test
    void whenEveryMemberIsDeletedTheRecordIsBuiltFromThemAnyway() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("erp", "C001").deleted().name("上海申通物流有限公司").build(),
                Members.of("shop", "u-7").deleted().name("申通快递").build(),
                new SourceMember(new io.crmhub.canonical.EntityRef("oa", "contacts", "9"), "p", 1, "oa-contacts@1",
                        null, true, null)));

        assertThat(golden.customer().name()).isEqualTo("上海申通物流有限公司");
        assertThat(golden.provenance().get("name").key()).isEqualTo("C001");
    }

    @Test
    void everyValueNamesTheMemberPositionMappingVersionAndRuleThatProducedIt() {
        GoldenRecord golden = SURVIVORSHIP.survive(List.of(
                Members.of("erp", "C001").at("2024-01-01T00:00:00Z").number("C001").name("上海申通物流有限公司")
                        .kind(PartyKind.ORGANISATION).taxId(VALID).status(LifecycleStatus.CUSTOMER).build(),
                Members.of("oa", "5").at("2024-03-01T00:00:00Z").contactName("李娜").owner("王强")
                        .email("li.na@example.com").status(LifecycleStatus.PROSPECT).build()));

        assertThat(golden.provenance()).containsOnlyKeys("number", "name", "kind", "taxId", "lifecycleStatus",
                "contactName", "owner", "emails[0]");
        assertThat(golden.provenance().get("name")).isEqualTo(new FieldProvenance("erp", "customers", "C001",
                Members.positionOf("erp", "C001"), Members.mappingOf("erp"), "script-priority"));
        assertThat(golden.provenance().get("kind").rule()).isEqualTo("most-frequent");
        assertThat(golden.provenance().get("lifecycleStatus").rule()).isEqualTo("highest-rank");
        assertThat(golden.provenance().get("owner")).isEqualTo(new FieldProvenance("oa", "customers", "5",
                Members.positionOf("oa", "5"), Members.mappingOf("oa"), "most-recent"));
        assertThat(golden.provenance().get("emails[0]").rule()).isEqualTo("union");
        assertThat(golden.customer().owner()).isEqualTo("王强");
    }

    @Test
    void theSameMembersInAnyOrderGiveTheSameGoldenRecord() {
        List<SourceMember> members = crowd();
        GoldenRecord expected = SURVIVORSHIP.survive(members);
        Random random = new Random(20241122);

        for (int round = 0; round < 200; round++) {
            List<SourceMember> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            assertThat(SURVIVORSHIP.survive(shuffled)).isEqualTo(expected);
        }
        // the crowd is built so that ties need the tie-breaks: the assertions below pin what they chose
        assertThat(expected.customer().name()).isEqualTo("申通物流 (ERP 2)");
        assertThat(expected.customer().industry()).isEqualTo("物流");
        assertThat(expected.provenance().get("industry")).extracting(FieldProvenance::system, FieldProvenance::key)
                .containsExactly("erp", "2");
        assertThat(expected.customer().phones()).hasSize(3);
    }

    /**
     * Members tied on everything a rule looks at: two ERP records at the same instant and sequence, equal
     * frequencies, equal lengths. Only the final tie-break (source key) can order them.
     */
    private static List<SourceMember> crowd() {
        String t = "2024-05-01T00:00:00Z";
        return List.of(
                Members.of("erp", "2").at(t).name("申通物流 (ERP 2)").industry("物流").phone("+8613800000001", "mobile").build(),
                Members.of("erp", "3").at(t).name("申通物流 (ERP 3)").industry("快递").phone("+8613800000002", "mobile").build(),
                Members.of("oa", "1").at(t).name("申通").industry("物流").phone("+8613800000001", "unknown").build(),
                Members.of("oa", "2").at(t).industry("快递").phone("+8613800000003", "mobile").build(),
                Members.of("partner:acme", "1").at(t).name("申通物流").deleted().build(),
                Members.of("shop", "1").at(t).name("申通网店").phone("+8613800000002", "mobile").build());
    }
}
