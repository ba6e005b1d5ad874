package io.crmhub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.validation.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17: a partner sends a person's birth date and identity document; a resident id that cannot be right is a 400. */
class PartnerPersonTest {

    private static final PartnerValidation VALIDATION =
            new PartnerValidation(Validation.buildDefaultValidatorFactory().getValidator());

    private static PartnerCustomer person(String birthDate, PartnerCustomer.Document document) {
        return new PartnerCustomer(null, "PERSON", "王芳", null, List.of(), List.of(), null, null, null, null, null,
                birthDate, document);
    }

    @Test
    void birthDateAndDocumentBecomeTheMappedColumns() {
        PartnerCustomer c = person("1990-03-07",
                new PartnerCustomer.Document("CN_RESIDENT_ID", "110105 19900307 0025", null));
        VALIDATION.check(c);
        assertThat(c.row()).containsEntry("birth_date", "1990-03-07").containsEntry("document_type", "CN_RESIDENT_ID")
                .containsEntry("document_number", "110105 19900307 0025").doesNotContainKey("document_country");
    }

    @Test
    void theRestBodyReadsBirthDateAndDocument() throws Exception {
        PartnerCustomer c = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                "{\"kind\": \"PERSON\", \"name\": \"John Smith\", \"birthDate\": \"1985-11-02\", \"document\": "
                        + "{\"type\": \"PASSPORT\", \"number\": \"512345678\", \"issuingCountry\": \"GB\"}}",
                PartnerCustomer.class);
        assertThat(c.birthDate()).isEqualTo("1985-11-02");
        assertThat(c.document()).isEqualTo(new PartnerCustomer.Document("PASSPORT", "512345678", "GB"));
    }

    @Test
    void aResidentIdWithAWrongCheckCharacterIsRefusedNamingTheField() {
        PartnerException e = catchThrowableOfType(PartnerException.class, () -> VALIDATION.check(
                person(null, new PartnerCustomer.Document("CN_RESIDENT_ID", "110105199003070026", "CN"))));
        assertThat(e.field()).isEqualTo("document.number");
        assertThat(e.getMessage()).contains("wrong check character").doesNotContain("110105199003070026");
    }

    @Test
    void anUnknownDocumentTypeAndABadDateAreRefused() {
        PartnerException e = catchThrowableOfType(PartnerException.class, () -> VALIDATION.check(
                person("7.3.1990", new PartnerCustomer.Document("DRIVING_LICENCE", "X1234", "GB"))));
        assertThat(e.getMessage()).contains("birthDate").contains("document.type");
    }
}
