package io.crmhub.canonical;

import java.time.LocalDate;
import java.util.List;

/**
 * A customer as one source system knows it: a person or an organisation.
 *
 * @param number          the customer number humans use in that system (display only)
 * @param kind            person or organisation
 * @param name            full name (person) or registered name (organisation), normalised for display
 * @param contactName     main contact person of an organisation
 * @param emails          lower-cased addresses
 * @param phones          E.164 numbers with their kind
 * @param addresses       postal addresses
 * @param taxId           tax id; for China the 18-character unified social credit code
 * @param industry        industry as the source names it
 * @param owner           sales owner / account manager
 * @param lifecycleStatus lead, prospect, customer or churned
 * @param birthDate       a person's date of birth (schema v2)
 * @param documents       a person's identity documents (schema v2); the numbers are personal data
 */
public record Customer(
        String number,
        PartyKind kind,
        String name,
        String contactName,
        List<String> emails,
        List<Phone> phones,
        List<Address> addresses,
        String taxId,
        String industry,
        String owner,
        LifecycleStatus lifecycleStatus,
        LocalDate birthDate,
        List<Document> documents) {

    /** A customer without birth date or documents (every organisation, and schema v1 payloads). */
    public Customer(String number, PartyKind kind, String name, String contactName, List<String> emails,
                    List<Phone> phones, List<Address> addresses, String taxId, String industry, String owner,
                    LifecycleStatus lifecycleStatus) {
        this(number, kind, name, contactName, emails, phones, addresses, taxId, industry, owner, lifecycleStatus,
                null, null);
    }

    public enum PartyKind { PERSON, ORGANISATION }

    public enum LifecycleStatus { LEAD, PROSPECT, CUSTOMER, CHURNED }

    /** @param e164 number in E.164, e.g. +8613800138000; @param type mobile, landline or unknown */
    public record Phone(String e164, String type) {}

    /** @param country ISO 3166-1 alpha-2 */
    public record Address(String country, String province, String city, String street, String postalCode) {}

    /**
     * An identity document. The number is kept as the source wrote it once validated (see
     * {@link IdentityDocuments}): upper-case, without spaces or hyphens.
     *
     * @param type           what kind of document
     * @param number         the document number; personal data
     * @param issuingCountry ISO 3166-1 alpha-2 of the issuing state ("CN" for a resident id)
     */
    public record Document(DocumentType type, String number, String issuingCountry) {}

    /**
     * {@code CN_RESIDENT_ID}: the 18-character China resident identity card number (GB 11643, check character
     * 0-9 or X; birth date and sex are written in it). {@code NATIONAL_ID}: another country's national id.
     */
    public enum DocumentType { CN_RESIDENT_ID, PASSPORT, NATIONAL_ID, OTHER }
}
