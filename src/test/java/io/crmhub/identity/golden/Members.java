package io.crmhub.identity.golden;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.Customer.Phone;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds source members for survivorship tests: {@code Members.of("erp", "42").at("2024-06-01T00:00:00Z")...}. */
final class Members {

    private final EntityRef source;
    private Instant occurredAt = Instant.parse("2024-01-01T00:00:00Z");
    private long sequence = 1;
    private boolean deleted;
    private String number;
    private PartyKind kind;
    private String name;
    private String contactName;
    private final List<String> emails = new ArrayList<>();
    private final List<Phone> phones = new ArrayList<>();
    private final List<Address> addresses = new ArrayList<>();
    private final List<Customer.Document> documents = new ArrayList<>();
    private java.time.LocalDate birthDate;
    private String taxId;
    private String industry;
    private String owner;
    private LifecycleStatus status;

    private Members(String system, String key) {
        this.source = new EntityRef(system, "customers", key);
    }

    static Members of(String system, String key) {
        return new Members(system, key);
    }

    /** A valid unified social credit code: 17 characters plus their check character. */
    static String validTaxId(String first17) {
        return first17 + UnifiedSocialCreditCode.checkChar(first17);
    }

    /** The same code with a wrong check character. */
    static String invalidTaxId(String first17) {
        char right = UnifiedSocialCreditCode.checkChar(first17);
        return first17 + (right == '0' ? '1' : '0');
    }

    /** The position the built member carries, so tests can assert provenance points at it. */
    static String positionOf(String system, String key) {
        return "pos/" + system + "/" + key;
    }

    static String mappingOf(String system) {
        return system + "-customers@3";
    }

    Members at(String instant) {
        this.occurredAt = instant == null ? null : Instant.parse(instant);
        return this;
    }

    Members sequence(long value) {
        this.sequence = value;
        return this;
    }

    Members deleted() {
        this.deleted = true;
        return this;
    }

    Members number(String value) {
        this.number = value;
        return this;
    }

    Members kind(PartyKind value) {
        this.kind = value;
        return this;
    }

    Members name(String value) {
        this.name = value;
        return this;
    }

    Members contactName(String value) {
        this.contactName = value;
        return this;
    }

    Members email(String value) {
        emails.add(value);
        return this;
    }

    Members phone(String e164, String type) {
        phones.add(new Phone(e164, type));
        return this;
    }

    Members address(String country, String province, String city, String street, String postalCode) {
        addresses.add(new Address(country, province, city, street, postalCode));
        return this;
    }

    Members born(String isoDate) {
        this.birthDate = java.time.LocalDate.parse(isoDate);
        return this;
    }

    Members document(Customer.DocumentType type, String number) {
        documents.add(new Customer.Document(type, number, "CN"));
        return this;
    }

    Members taxId(String value) {
        this.taxId = value;
        return this;
    }

    Members industry(String value) {
        this.industry = value;
        return this;
    }

    Members owner(String value) {
        this.owner = value;
        return this;
    }

    Members status(LifecycleStatus value) {
        this.status = value;
        return this;
    }

    SourceMember build() {
        Customer customer = new Customer(number, kind, name, contactName, List.copyOf(emails), List.copyOf(phones),
                List.copyOf(addresses), taxId, industry, owner, status, birthDate,
                documents.isEmpty() ? null : List.copyOf(documents));
        return new SourceMember(source, positionOf(source.system(), source.key()), sequence,
                mappingOf(source.system()), occurredAt, deleted, customer);
    }
}
