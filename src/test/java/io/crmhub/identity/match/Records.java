package io.crmhub.identity.match;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.Customer.Phone;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.List;

/** Builds normalised test customers through the real normaliser, so tests compare what production compares. */
final class Records {

    private static final CustomerNormalizer NORMALIZER = CustomerNormalizer.fromClasspath("CN");

    private final PartyKind kind;
    private final String name;
    private String taxId;
    private final List<String> emails = new ArrayList<>();
    private final List<Phone> phones = new ArrayList<>();
    private final List<Address> addresses = new ArrayList<>();
    private final List<Customer.Document> documents = new ArrayList<>();
    private java.time.LocalDate birthDate;

    private Records(PartyKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    static Records person(String name) {
        return new Records(PartyKind.PERSON, name);
    }

    static Records company(String name) {
        return new Records(PartyKind.ORGANISATION, name);
    }

    /** A valid unified social credit code built from 17 characters plus their check character. */
    static String validTaxId(String first17) {
        return first17 + UnifiedSocialCreditCode.checkChar(first17);
    }

    Records taxId(String value) {
        this.taxId = value;
        return this;
    }

    Records email(String value) {
        emails.add(value);
        return this;
    }

    Records phone(String value) {
        phones.add(new Phone(value, "unknown"));
        return this;
    }

    Records address(String street) {
        addresses.add(new Address("CN", "上海", "上海市", street, null));
        return this;
    }

    /** An address outside China, e.g. {@code ("AU", "Milton", "177 Pridham Street", "4064")}. */
    Records foreignAddress(String country, String locality, String street, String postcode) {
        addresses.add(new Address(country, null, locality, street, postcode));
        return this;
    }

    Records born(String isoDate) {
        this.birthDate = java.time.LocalDate.parse(isoDate);
        return this;
    }

    Records document(Customer.DocumentType type, String number) {
        documents.add(new Customer.Document(type, number, null));
        return this;
    }

    NormalizedCustomer build() {
        return NORMALIZER.normalize(new Customer("C", kind, name, null, emails, phones, addresses, taxId, null, null,
                LifecycleStatus.CUSTOMER, birthDate, documents));
    }
}
