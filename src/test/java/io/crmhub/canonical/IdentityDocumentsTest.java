package io.crmhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer.Document;
import io.crmhub.canonical.Customer.DocumentType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityDocumentsTest {

    @Test
    void residentIdsAreCheckedWithASpecificReason() {
        assertThat(IdentityDocuments.residentIdProblem("110105199003070025")).isNull();
        assertThat(IdentityDocuments.residentIdProblem("31011519850612123X")).isNull();
        assertThat(IdentityDocuments.residentIdProblem("110105199003070026")).isEqualTo(
                "CN_RESIDENT_ID has a wrong check character");
        assertThat(IdentityDocuments.residentIdProblem("11010519900307002")).isEqualTo(
                "CN_RESIDENT_ID must have 18 characters, has 17");
        assertThat(IdentityDocuments.residentIdProblem("1101051990030700A5")).isEqualTo(
                "CN_RESIDENT_ID must have digits in its first 17 characters");
        assertThat(IdentityDocuments.residentIdProblem("110105199002300025")).isEqualTo(
                "CN_RESIDENT_ID carries an impossible birth date");
        assertThat(IdentityDocuments.residentIdProblem("910105199003070025")).isEqualTo(
                "CN_RESIDENT_ID has no valid region code");
    }

    @Test
    void birthDateAndSexAreDerivedFromAResidentId() {
        assertThat(IdentityDocuments.residentBirthDate("110105199003070025")).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(IdentityDocuments.residentSex("110105199003070025")).isEqualTo('F');
        assertThat(IdentityDocuments.residentSex("440305197202294513")).isEqualTo('M');
    }

    @Test
    void badDocumentsAreLeftOutAndReportedWithoutTheirNumber() {
        Customer c = new Customer("1", Customer.PartyKind.PERSON, "王芳", null, List.of(), List.of(), List.of(), null,
                null, null, null, LocalDate.of(2999, 1, 1), List.of(
                        new Document(DocumentType.CN_RESIDENT_ID, "110105 1990 0307 0025", null),
                        new Document(DocumentType.CN_RESIDENT_ID, "110105199003070026", "CN"),
                        new Document(DocumentType.PASSPORT, "e-1234567", "gb"),
                        new Document(DocumentType.PASSPORT, "E1", "GB")));
        List<DataIssue> issues = new ArrayList<>();
        Customer checked = IdentityDocuments.check(c, "customers", issues);
        assertThat(checked.birthDate()).isNull();
        assertThat(checked.documents()).containsExactly(
                new Document(DocumentType.CN_RESIDENT_ID, "110105199003070025", "CN"),
                new Document(DocumentType.PASSPORT, "E1234567", "GB"));
        assertThat(issues).extracting(DataIssue::reason).containsExactly(
                "birth date is before 1890 or in the future", "CN_RESIDENT_ID has a wrong check character",
                "PASSPORT number must have 4 to 24 characters, has 2");
        assertThat(issues.toString()).doesNotContain("110105199003070026");
    }
}
