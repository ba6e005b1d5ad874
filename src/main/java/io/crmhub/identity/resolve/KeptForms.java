package io.crmhub.identity.resolve;

import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedName;
import io.crmhub.identity.normalize.NormalizedTaxId;
import io.crmhub.identity.normalize.Texts;

/** Normalised forms as {@link MemoryIdentityStore} keeps them, a million at a time. */
final class KeptForms {

    private KeptForms() {}

    /**
     * The form as it is kept: the values that recur between records (a name's match key and pinyin, an e-mail, an
     * address and its house number, building, floor and room, a tax id: a copy shares them with its original) as one
     * string each, as the normaliser already shares cities, roads and name words; and without what resolution never
     * reads of a stored record (the display form of its name, its contact's name: written beside a stored link for
     * people to read, never compared). (A million forms held at once is the preview's concern; the live store keeps
     * twenty thousand in its cache, so the normaliser does not pay for interning them.)
     */
    static NormalizedCustomer compact(NormalizedCustomer n) {
        return new NormalizedCustomer(n.kind(), compact(n.name()), Texts.shared(n.pinyinKey()), null, n.phones(),
                n.emails().stream().map(e -> new NormalizedEmail(Texts.shared(e.address()), e.domain(), e.role()))
                        .toList(),
                n.taxId() == null ? null : new NormalizedTaxId(Texts.shared(n.taxId().value()), n.taxId().problem()),
                n.addresses().stream().map(a -> new NormalizedAddress(a.country(), a.provinceCode(), a.province(),
                        a.city(), a.district(), a.road(), Texts.shared(a.houseNumber()), Texts.shared(a.building()),
                        Texts.shared(a.floor()), Texts.shared(a.room()), Texts.shared(a.matchKey()), a.postcode()))
                        .toList(),
                n.birthDate(), n.documents());
    }

    private static NormalizedName compact(NormalizedName name) {
        return name == null ? null : new NormalizedName(null, Texts.shared(name.matchKey()), name.tokens(),
                name.branch(), name.legalForm());
    }
}
