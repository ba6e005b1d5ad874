package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Invents clean customers: Chinese and international people and companies, branches, and employees who give
 * their company's switchboard as their phone (different people sharing one number, which must not merge them).
 * Deterministic for a given random source.
 */
final class EntityFactory {

    /** Recent employers and recent companies; an employer gets about two to three employees on average. */
    private static final int POOL = 256;
    private static final double EMPLOYER_SHARE = 0.1;

    private final SplittableRandom rnd;
    private final Words words;
    private final String[] switchboards = new String[POOL];
    private final String[] companyNames = new String[POOL];
    private int employers;
    private int companies;

    EntityFactory(SplittableRandom rnd) {
        this.rnd = rnd;
        this.words = new Words(rnd);
    }

    Profile next() {
        double p = rnd.nextDouble();
        if (p < 0.42) {
            return chinesePerson(null);
        }
        if (p < 0.50) {
            return employers > 0 ? chinesePerson(switchboards[rnd.nextInt(Math.min(employers, POOL))])
                    : chinesePerson(null);
        }
        if (p < 0.62) {
            return internationalPerson();
        }
        if (p < 0.90) {
            return remember(chineseCompany());
        }
        if (p < 0.97) {
            return remember(internationalCompany());
        }
        return companies > 0 ? branch() : chineseCompany();
    }

    private Profile chinesePerson(String switchboard) {
        String[] name = words.chinesePersonName();
        List<String> phones = new ArrayList<>();
        if (switchboard != null) {
            phones.add(switchboard);
        }
        if (switchboard == null || rnd.nextDouble() < 0.4) {
            phones.add(words.mobile());
        }
        List<String> emails = rnd.nextDouble() < 0.7 ? List.of(words.personalEmail(name[1])) : List.of();
        Address address = rnd.nextDouble() < 0.75 ? words.chineseAddress() : null;
        return new Profile(PartyKind.PERSON, true, name[0], name[1], null, phones, emails, null, address);
    }

    private Profile internationalPerson() {
        String name = words.internationalPersonName();
        List<String> phones = List.of(rnd.nextDouble() < 0.5 ? words.mobile() : words.foreignPhone());
        List<String> emails = rnd.nextDouble() < 0.8 ? List.of(words.personalEmail(name)) : List.of();
        Address address = rnd.nextDouble() < 0.5 ? words.chineseAddress() : null;
        return new Profile(PartyKind.PERSON, false, name, null, null, phones, emails, null, address);
    }

    private Profile chineseCompany() {
        String[] core = words.chineseCompanyCore();
        String legal = Words.pick(rnd, Vocabulary.LEGAL_CN);
        String domain = core[1] + rnd.nextInt(100) + ".com.cn";
        return company(core[0] + legal, true, legal, domain);
    }

    private Profile internationalCompany() {
        String core = words.internationalCompanyCore();
        String legal = Words.pick(rnd, Vocabulary.LEGAL_INTL);
        String domain = core.toLowerCase().replace(" ", "") + rnd.nextInt(100) + ".com";
        return company(core + " " + legal, false, legal, domain);
    }

    private Profile company(String name, boolean chinese, String legal, String domain) {
        List<String> emails = new ArrayList<>();
        if (rnd.nextDouble() < 0.5) {
            emails.add(Words.pick(rnd, new String[] {"info", "sales", "service", "admin"}) + "@" + domain);
        }
        if (rnd.nextDouble() < 0.4) {
            emails.add(words.romanToken() + rnd.nextInt(1000) + "@" + domain);
        }
        String tax = rnd.nextDouble() < (chinese ? 0.75 : 0.3) ? taxId() : null;
        List<String> phones = new ArrayList<>(List.of(words.landline()));
        if (rnd.nextDouble() < 0.15) {
            phones.add(rnd.nextBoolean() ? "400-" + (100 + rnd.nextInt(900)) + "-" + (1000 + rnd.nextInt(9000))
                    : words.mobile());
        }
        return new Profile(PartyKind.ORGANISATION, chinese, name, null, legal, phones, emails, tax,
                rnd.nextDouble() < 0.85 ? words.chineseAddress() : null);
    }

    /** A branch of a recent company: its own entity although it carries the parent's name. */
    private Profile branch() {
        String parent = companyNames[rnd.nextInt(Math.min(companies, POOL))];
        boolean latin = parent.chars().allMatch(c -> c < 0x3000);
        String name = latin ? parent + " Shanghai Branch" : parent + Words.pick(rnd, Vocabulary.CITIES)[1] + "分公司";
        return new Profile(PartyKind.ORGANISATION, !latin, name, null, null, List.of(words.landline()), List.of(),
                rnd.nextDouble() < 0.5 ? taxId() : null, words.chineseAddress());
    }

    private Profile remember(Profile company) {
        companyNames[companies++ % POOL] = company.name();
        if (rnd.nextDouble() < EMPLOYER_SHARE) {
            switchboards[employers++ % POOL] = company.phones().get(0);
        }
        return company;
    }

    private String taxId() {
        StringBuilder b = new StringBuilder("91").append(310000 + rnd.nextInt(90000));
        for (int i = 0; i < 9; i++) {
            b.append(UnifiedSocialCreditCode.ALPHABET.charAt(rnd.nextInt(UnifiedSocialCreditCode.ALPHABET.length())));
        }
        return b.append(UnifiedSocialCreditCode.checkChar(b)).toString();
    }
}
