package io.crmhub.canonical;

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
        LifecycleStatus lifecycleStatus) {

    public enum PartyKind { PERSON, ORGANISATION }

    public enum LifecycleStatus { LEAD, PROSPECT, CUSTOMER, CHURNED }

    /** @param e164 number in E.164, e.g. +8613800138000; @param type mobile, landline or unknown */
    public record Phone(String e164, String type) {}

    /** @param country ISO 3166-1 alpha-2 */
    public record Address(String country, String province, String city, String street, String postalCode) {}
}
