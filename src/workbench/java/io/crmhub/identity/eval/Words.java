package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer.Address;
import java.util.SplittableRandom;

/** Draws names, numbers, e-mails and addresses from {@link Vocabulary}. */
final class Words {

    private final SplittableRandom rnd;

    Words(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    static <T> T pick(SplittableRandom rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** Skewed towards the first entries, as surnames are: the top ten cover about 40 % of people. */
    private <T> T pickSkewed(T[] values) {
        double u = rnd.nextDouble();
        return values[(int) (values.length * u * u * u)];
    }

    /** {hanzi, romanised} with given name first in the romanised form half of the time. */
    String[] chinesePersonName() {
        if (rnd.nextDouble() < 0.03) {
            String common = pick(rnd, Vocabulary.COMMON_CN);
            return new String[] {common, roman(common)};
        }
        String[] surname = pickSkewed(Vocabulary.SURNAMES);
        StringBuilder han = new StringBuilder(surname[0]);
        StringBuilder given = new StringBuilder();
        int length = rnd.nextDouble() < 0.3 ? 1 : 2;
        for (int i = 0; i < length; i++) {
            String[] c = pick(rnd, Vocabulary.GIVEN);
            han.append(c[0]);
            given.append(c[1]);
        }
        return new String[] {han.toString(), capital(surname[1]) + " " + capital(given.toString())};
    }

    private static String roman(String han) {
        StringBuilder given = new StringBuilder();
        String surname = "";
        for (int i = 0; i < han.length(); i++) {
            String c = han.substring(i, i + 1);
            String reading = reading(c, i == 0 ? Vocabulary.SURNAMES : Vocabulary.GIVEN);
            if (i == 0) {
                surname = reading;
            } else {
                given.append(reading);
            }
        }
        return capital(surname) + " " + capital(given.toString());
    }

    private static String reading(String han, String[][] table) {
        for (String[] entry : table) {
            if (entry[0].equals(han)) {
                return entry[1];
            }
        }
        throw new IllegalStateException("no reading listed for a vocabulary character");
    }

    String internationalPersonName() {
        if (rnd.nextDouble() < 0.03) {
            return pick(rnd, Vocabulary.COMMON_INTL);
        }
        return pick(rnd, Vocabulary.FIRST) + " " + pick(rnd, Vocabulary.LAST);
    }

    /** {Chinese name without legal form, pinyin for a domain}: optional city prefix, two characters, industry. */
    String[] chineseCompanyCore() {
        StringBuilder han = new StringBuilder();
        if (rnd.nextDouble() < 0.5) {
            han.append(pick(rnd, Vocabulary.CITIES)[1]);
        }
        StringBuilder roman = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            String[] c = pick(rnd, Vocabulary.CORE_CHARS);
            han.append(c[0]);
            roman.append(c[1]);
        }
        han.append(pick(rnd, Vocabulary.INDUSTRY_CN));
        return new String[] {han.toString(), roman.toString()};
    }

    String internationalCompanyCore() {
        String second = rnd.nextDouble() < 0.6 ? pick(rnd, Vocabulary.INTL_SECOND) + " " : "";
        return pick(rnd, Vocabulary.INTL_CORE) + " " + second + pick(rnd, Vocabulary.INDUSTRY_INTL);
    }

    String romanToken() {
        return pick(rnd, Vocabulary.SURNAMES)[1] + pick(rnd, Vocabulary.GIVEN)[1];
    }

    String personalEmail(String name) {
        String local = name.toLowerCase().replace(' ', rnd.nextBoolean() ? '.' : '_');
        return local + rnd.nextInt(10_000) + "@" + pick(rnd, Vocabulary.MAIL_HOSTS);
    }

    String mobile() {
        return pick(rnd, Vocabulary.MOBILE_PREFIXES) + digits(8);
    }

    /** A city landline in national form, 0 + area code + 8 digits. */
    String landline() {
        return "0" + pick(rnd, Vocabulary.CITIES)[4] + "-" + (rnd.nextBoolean() ? "6" : "8") + digits(7);
    }

    String foreignPhone() {
        return switch (rnd.nextInt(3)) {
            case 0 -> "+1 " + pick(rnd, new String[] {"212", "415", "617", "312"}) + " " + (200 + rnd.nextInt(350))
                    + " " + digits(4);
            case 1 -> "+44 20 7" + digits(3) + " " + digits(4);
            default -> "+49 30 " + digits(8);
        };
    }

    Address chineseAddress() {
        String[] city = pick(rnd, Vocabulary.CITIES);
        StringBuilder street = new StringBuilder(city[3]).append(pick(rnd, Vocabulary.ROADS))
                .append(1 + rnd.nextInt(999)).append('号');
        if (rnd.nextDouble() < 0.5) {
            street.append(1 + rnd.nextInt(20)).append("号楼");
        }
        if (rnd.nextDouble() < 0.6) {
            street.append(1 + rnd.nextInt(30)).append(String.format("%02d", 1 + rnd.nextInt(20))).append('室');
        }
        return new Address("CN", city[2], city[0], street.toString(), null);
    }

    String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
