package io.crmhub.identity.normalize;

import io.crmhub.canonical.Customer.PartyKind;
import java.util.List;
import java.util.Optional;

/**
 * A canonical customer reduced to what matching compares and blocks on. Unusable values (a malformed
 * e-mail, an invalid phone) are already left out; an invalid tax id is kept, flagged, so it can be
 * reported, but {@link #validTaxId()} never returns it.
 *
 * @param kind        person or organisation
 * @param name        the name, as a person's or a company's; null when the record has none
 * @param pinyinKey   sorted toneless pinyin syllables of the name, see {@link PinyinKeys}; null when none
 * @param contactName an organisation's contact person; null when none
 * @param phones      distinct E.164 numbers with their type, in source order
 * @param emails      distinct valid addresses with the role-mailbox flag, in source order
 * @param taxId       the tax id, valid or not; null when the record has none
 * @param addresses   parsed addresses, in source order
 * @param birthDate   a person's birth date as yyyymmdd (the source's, else the one written in a valid resident id),
 *                    0 when unknown
 * @param documents   identity documents, distinct, in source order
 */
public record NormalizedCustomer(PartyKind kind, NormalizedName name, String pinyinKey, NormalizedName contactName,
                                 List<NormalizedPhone> phones, List<NormalizedEmail> emails, NormalizedTaxId taxId,
                                 List<NormalizedAddress> addresses, int birthDate, List<NormalizedDocument> documents) {

    public NormalizedCustomer {
        phones = List.copyOf(phones);
        emails = List.copyOf(emails);
        addresses = List.copyOf(addresses);
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /** A record without birth date or documents. */
    public NormalizedCustomer(PartyKind kind, NormalizedName name, String pinyinKey, NormalizedName contactName,
                              List<NormalizedPhone> phones, List<NormalizedEmail> emails, NormalizedTaxId taxId,
                              List<NormalizedAddress> addresses) {
        this(kind, name, pinyinKey, contactName, phones, emails, taxId, addresses, 0, List.of());
    }

    /** The name's match key, or null: the first blocking key. */
    public String nameKey() {
        return name == null ? null : name.matchKey();
    }

    /** The first China resident id whose check character is right, or null: two different ones are two people. */
    public String validResidentId() {
        for (int i = 0; i < documents.size(); i++) {
            NormalizedDocument d = documents.get(i);
            if (d.type() == io.crmhub.canonical.Customer.DocumentType.CN_RESIDENT_ID && d.valid()) {
                return d.number();
            }
        }
        return null;
    }

    /** The tax id only when its check character is right: an invalid code is never used to match. */
    public Optional<String> validTaxId() {
        return taxId == null ? Optional.empty() : taxId.matchKey();
    }
}
