package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.PartyKind;
import java.util.List;

/**
 * One real customer as the generator invents it, before any system mistypes it. Every source record of the
 * entity is a corrupted copy of this.
 *
 * @param kind      person or organisation
 * @param chinese   a Chinese name (Han characters) with a romanised form, or an international one
 * @param name      the name as its owner writes it (legal form included for a company)
 * @param roman     the romanised name ("Wang Wei") for a Chinese person, else null
 * @param legalForm a company's legal form as part of {@code name}, else null
 * @param phones    E.164-able numbers in their plain national or international form
 * @param emails    e-mail addresses
 * @param taxId     a valid unified social credit code, or null
 * @param address   the address, or null
 */
record Profile(PartyKind kind, boolean chinese, String name, String roman, String legalForm, List<String> phones,
               List<String> emails, String taxId, Address address) {

    Profile {
        phones = List.copyOf(phones);
        emails = List.copyOf(emails);
    }
}
