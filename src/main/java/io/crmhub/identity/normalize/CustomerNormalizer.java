package io.crmhub.identity.normalize;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.PartyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A canonical {@link Customer} → {@link NormalizedCustomer}: every field matching needs, normalised in one
 * place. Phones and e-mails are normalised again even though the mapping already did: records also reach
 * identity resolution from files and partners (the dry run), and one rule for all keeps keys comparable.
 * Thread-safe and stateless per call.
 */
public final class CustomerNormalizer {

    private final NameNormalizer names;
    private final PinyinKeys pinyin;
    private final PhoneNormalizer phones;
    private final EmailNormalizer emails;
    private final AddressNormalizer addresses;

    public CustomerNormalizer(NameNormalizer names, PinyinKeys pinyin, PhoneNormalizer phones,
                              EmailNormalizer emails, AddressNormalizer addresses) {
        this.names = names;
        this.pinyin = pinyin;
        this.phones = phones;
        this.emails = emails;
        this.addresses = addresses;
    }

    /** All lists from {@code mappings/identity/} on the classpath; numbers without prefix read in {@code region}. */
    public static CustomerNormalizer fromClasspath(String defaultPhoneRegion) {
        return new CustomerNormalizer(NameNormalizer.fromClasspath(), PinyinKeys.fromClasspath(),
                new PhoneNormalizer(defaultPhoneRegion), EmailNormalizer.fromClasspath(),
                AddressNormalizer.fromClasspath());
    }

    public NormalizedCustomer normalize(Customer customer) {
        boolean person = customer.kind() != PartyKind.ORGANISATION;
        NormalizedName name = person ? names.person(customer.name()) : names.company(customer.name());
        NormalizedCustomer base = new NormalizedCustomer(
                customer.kind(),
                name,
                pinyin.key(name, person),
                person ? null : names.person(customer.contactName()),
                each(customer.phones(), p -> p == null ? Optional.empty() : phones.normalize(p.e164())),
                each(customer.emails(), emails::normalize),
                UnifiedSocialCreditCode.normalize(customer.taxId()),
                each(customer.addresses(), a -> Optional.ofNullable(addresses.normalize(a))),
                0, List.of());
        List<NormalizedDocument> documents = each(customer.documents(), Documents::normalize);
        int birthDate = Documents.birthDate(customer.birthDate(), documents);
        if (birthDate == 0 && documents.isEmpty()) {
            return base;
        }
        return new NormalizedCustomer(base.kind(), base.name(), base.pinyinKey(), base.contactName(), base.phones(),
                base.emails(), base.taxId(), base.addresses(), birthDate, documents);
    }

    /** Normalises each value, drops the unusable ones and duplicates, keeps source order. */
    private static <T, R> List<R> each(List<T> values, Function<T, Optional<R>> normalize) {
        if (values == null) {
            return List.of();
        }
        // a loop, not a stream: this runs for four lists of every record, and the lists hold one or two values
        List<R> out = new ArrayList<>(values.size());
        for (T raw : values) {
            R value = normalize.apply(raw).orElse(null);
            if (value != null && !out.contains(value)) {
                out.add(value);
            }
        }
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }
}
