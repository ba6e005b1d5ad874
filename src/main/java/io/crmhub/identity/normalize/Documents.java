package io.crmhub.identity.normalize;

import io.crmhub.canonical.Customer.Document;
import io.crmhub.canonical.Customer.DocumentType;
import io.crmhub.canonical.IdentityDocuments;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Identity documents and birth dates for matching. Records also arrive without the mapping's check (the dry run,
 * stored payloads of older versions), so numbers are cleaned and checked again here, with the same rules.
 */
final class Documents {

    private Documents() {}

    static Optional<NormalizedDocument> normalize(Document d) {
        if (d == null) {
            return Optional.empty();
        }
        String number = IdentityDocuments.clean(d.number());
        if (number == null) {
            return Optional.empty();
        }
        DocumentType type = d.type() == null ? DocumentType.OTHER : d.type();
        String country = Texts.isBlank(d.issuingCountry()) ? type == DocumentType.CN_RESIDENT_ID ? "CN" : null
                : d.issuingCountry().strip().toUpperCase(Locale.ROOT);
        boolean valid = type == DocumentType.CN_RESIDENT_ID ? IdentityDocuments.validResidentId(number)
                : number.length() >= 4 && number.chars().allMatch(Character::isLetterOrDigit);
        return Optional.of(new NormalizedDocument(type, number, country, valid));
    }

    /** The source's birth date, else the one in the first valid resident id; yyyymmdd or 0. */
    static int birthDate(LocalDate given, List<NormalizedDocument> documents) {
        LocalDate date = given;
        for (int i = 0; date == null && i < documents.size(); i++) {
            NormalizedDocument d = documents.get(i);
            if (d.type() == DocumentType.CN_RESIDENT_ID && d.valid()) {
                date = IdentityDocuments.residentBirthDate(d.number());
            }
        }
        return date == null ? 0 : date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }
}
