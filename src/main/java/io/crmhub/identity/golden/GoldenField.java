package io.crmhub.identity.golden;

import com.fasterxml.jackson.annotation.JsonValue;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.Document;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.Customer.Phone;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A field of the canonical Customer that survivorship chooses, with its names in the rules file and in provenance. */
public enum GoldenField {
    NUMBER("number", "number", null, c -> one(c.number())),
    KIND("kind", "kind", PartyKind.class, c -> one(c.kind())),
    NAME("name", "name", null, c -> one(c.name())),
    CONTACT_NAME("contact-name", "contactName", null, c -> one(c.contactName())),
    EMAILS("emails", "emails", null, c -> many(c.emails())),
    PHONES("phones", "phones", null, c -> many(c.phones())),
    ADDRESSES("addresses", "addresses", null, c -> many(c.addresses())),
    TAX_ID("tax-id", "taxId", null, c -> one(c.taxId())),
    INDUSTRY("industry", "industry", null, c -> one(c.industry())),
    OWNER("owner", "owner", null, c -> one(c.owner())),
    LIFECYCLE_STATUS("lifecycle-status", "lifecycleStatus", LifecycleStatus.class, c -> one(c.lifecycleStatus())),
    BIRTH_DATE("birth-date", "birthDate", null, c -> one(c.birthDate())),
    DOCUMENTS("documents", "documents", null, c -> many(c.documents()));

    private final String yamlName;
    private final String path;
    private final Class<? extends Enum<?>> enumType;
    private final Function<Customer, List<?>> values;

    GoldenField(String yamlName, String path, Class<? extends Enum<?>> enumType, Function<Customer, List<?>> values) {
        this.yamlName = yamlName;
        this.path = path;
        this.enumType = enumType;
        this.values = values;
    }

    /** The key in survivorship.yaml. */
    @JsonValue
    public String yamlName() {
        return yamlName;
    }

    /** The provenance key of a scalar, the prefix of a list element's key. */
    public String path() {
        return path;
    }

    /** The fields whose values are plain text, as named in survivorship.yaml (for messages). */
    static final String TEXT = "[number, name, contact-name, tax-id, industry, owner]";

    /** Plain text, the only values that have a script. */
    boolean text() {
        return this == NUMBER || this == NAME || this == CONTACT_NAME || this == TAX_ID || this == INDUSTRY
                || this == OWNER;
    }

    public boolean list() {
        return this == EMAILS || this == PHONES || this == ADDRESSES || this == DOCUMENTS;
    }

    /** The enum a value of this field belongs to, or null for text, phones and addresses. */
    Class<? extends Enum<?>> enumType() {
        return enumType;
    }

    /** The values one customer carries in this field, in the customer's own order; blanks included. */
    List<?> valuesOf(Customer customer) {
        return values.apply(customer);
    }

    /** The provenance key of a chosen value: the field path, with the index for a list element. */
    String provenanceKey(int index) {
        return list() ? path + "[" + index + "]" : path;
    }

    /** A Customer from chosen values; absent scalars are null, absent lists empty. */
    @SuppressWarnings("unchecked")
    static Customer assemble(Map<GoldenField, Object> v) {
        return new Customer((String) v.get(NUMBER), (PartyKind) v.get(KIND), (String) v.get(NAME),
                (String) v.get(CONTACT_NAME), (List<String>) v.getOrDefault(EMAILS, List.of()),
                (List<Phone>) v.getOrDefault(PHONES, List.of()), (List<Address>) v.getOrDefault(ADDRESSES, List.of()),
                (String) v.get(TAX_ID), (String) v.get(INDUSTRY), (String) v.get(OWNER),
                (LifecycleStatus) v.get(LIFECYCLE_STATUS), (LocalDate) v.get(BIRTH_DATE),
                emptyToNull((List<Document>) v.get(DOCUMENTS)));
    }

    /** A golden customer without documents leaves the field out, as a source record does. */
    private static List<Document> emptyToNull(List<Document> documents) {
        return documents == null || documents.isEmpty() ? null : documents;
    }

    private static List<?> one(Object value) {
        return Collections.singletonList(value);
    }

    private static List<?> many(List<?> values) {
        // Canonical lists may hold nulls when a source sends them; candidates filter blanks later.
        return values == null ? List.of() : new ArrayList<>(values);
    }
}
