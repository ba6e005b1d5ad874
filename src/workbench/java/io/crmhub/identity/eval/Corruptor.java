package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.Customer.Phone;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a {@link Profile} into one source system's record of it, with the mistakes real systems make: typos
 * and transposed characters, full-width digits, {@code +86} / {@code 0086} / spaced phones, missing fields,
 * legal-form variants and abbreviated company names, romanised Chinese names, moved addresses, changed
 * numbers and e-mails, mistyped tax ids. Rates are per field and per record; see docs/identity-evaluation.md.
 */
final class Corruptor {

    private static final String[] LEGAL_VARIANTS_CN = {"有限公司", "有限责任公司", "股份有限公司", ""};
    private static final String[] LEGAL_VARIANTS_INTL = {"Co., Ltd.", "Co.,Ltd", "CO LTD", "Ltd.", ""};

    private final SplittableRandom rnd;
    private final Words words;
    private final Noise noise;

    Corruptor(SplittableRandom rnd) {
        this.rnd = rnd;
        this.words = new Words(rnd);
        this.noise = new Noise(rnd);
    }

    Customer record(Profile p, String number) {
        return new Customer(number, p.kind(), name(p), null, emails(p), phones(p), addresses(p), taxId(p), null,
                null, LifecycleStatus.CUSTOMER);
    }

    private String name(Profile p) {
        String name = p.name();
        if (p.kind() == PartyKind.ORGANISATION) {
            name = companyName(p);
        } else if (p.roman() != null && chance(0.12)) {
            name = chance(0.5) ? p.roman() : p.roman().toUpperCase();
        }
        if (chance(0.08)) {
            name = noise.typo(name);
        } else if (chance(0.05)) {
            name = noise.transpose(name);
        }
        if (chance(0.05)) {
            name = Noise.fullWidth(name);
        }
        return chance(0.04) ? noise.spaced(name) : name;
    }

    /** Legal-form variants, a dropped legal form, or an abbreviation (the city prefix left out). */
    private String companyName(Profile p) {
        String name = p.name();
        if (p.legalForm() != null && chance(0.25)) {
            String core = name.substring(0, name.length() - p.legalForm().length()).strip();
            String[] variants = p.chinese() ? LEGAL_VARIANTS_CN : LEGAL_VARIANTS_INTL;
            name = core + (p.chinese() ? "" : " ") + Words.pick(rnd, variants);
        }
        if (p.chinese() && chance(0.06)) {
            for (String[] city : Vocabulary.CITIES) {
                if (name.startsWith(city[1]) && !name.endsWith("分公司")) {
                    return name.substring(city[1].length());
                }
            }
        }
        return name.strip();
    }

    private List<Phone> phones(Profile p) {
        List<Phone> out = new ArrayList<>();
        for (String phone : p.phones()) {
            if (chance(0.15)) {
                continue;
            }
            String value = chance(0.06) ? words.mobile() : chance(0.02) ? noise.digitTypo(phone) : phone;
            out.add(new Phone(noise.phoneFormat(value), "unknown"));
        }
        return out;
    }

    private List<String> emails(Profile p) {
        List<String> out = new ArrayList<>();
        for (String email : p.emails()) {
            if (chance(0.2)) {
                continue;
            }
            String value = chance(0.05) ? words.personalEmail(words.romanToken()) : email;
            out.add(chance(0.15) ? value.toUpperCase() : value);
        }
        return out;
    }

    private String taxId(Profile p) {
        if (p.taxId() == null || chance(0.2)) {
            return null;
        }
        if (chance(0.04)) {
            return noise.typo(p.taxId());
        }
        return chance(0.05) ? Noise.fullWidth(p.taxId().toLowerCase()) : p.taxId();
    }

    private List<Address> addresses(Profile p) {
        if (p.address() == null || chance(0.2)) {
            return List.of();
        }
        Address a = chance(0.08) ? words.chineseAddress() : p.address();
        if (chance(0.25)) {
            a = new Address(a.country(), null, a.city(), a.street(), a.postalCode());
        }
        if (chance(0.1)) {
            a = new Address(a.country(), a.province(), a.city(), Noise.fullWidth(a.street()), a.postalCode());
        }
        return List.of(a);
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }
}
