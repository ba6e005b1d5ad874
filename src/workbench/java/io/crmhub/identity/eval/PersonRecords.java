package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.Document;
import io.crmhub.canonical.Customer.DocumentType;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.IdentityDocuments;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Labelled people known only by name, birth date, identity document and address, as in the public person
 * deduplication benchmarks: given name, surname, house number, street, locality, postcode, state, date of birth
 * and a national id, each copy with typos and missing values. 80 % international people with a national id and a
 * Western address, 20 % Chinese people with a resident id (birth date in it) and a Chinese address; 10 % of people
 * live with an earlier one (same family name and address, own given name, birth date and id: different people).
 * Without ids ({@code withIds = false}) the same records carry no document at all. Seeded and streamed like
 * {@link SyntheticCustomers}.
 */
public final class PersonRecords {

    private static final double[] COPIES = {0.40, 0.30, 0.15, 0.10, 0.05};
    private static final String[] STREETS = Vocabulary.LAST;
    private static final String[][] STREET_TYPES = {{"Street", "St", "St."}, {"Road", "Rd", "Rd."},
        {"Avenue", "Ave", "Av"}, {"Drive", "Dr", "Drv"}, {"Place", "Pl", "Pl."}, {"Crescent", "Cres", "Cr"},
        {"Court", "Ct", "Ct."}, {"Lane", "Ln", "Ln."}};
    private static final String[] LOCALITIES = Vocabulary.words("Milton Ashfield Bondi Carlton Fitzroy Glenelg "
            + "Kingston Manly Newtown Paddington Richmond Southbank Toorak Woollahra Balmain Belconnen Brunswick "
            + "Coogee Dickson Elwood Frankston Geelong Hawthorn Ipswich Joondalup Kew Lilydale Mosman Narrabeen "
            + "Oakleigh Parramatta Queanbeyan Randwick Sunbury Tuggeranong Unley Vaucluse Wodonga Yarraville Zetland");
    private static final String[] STATES = {"NSW", "VIC", "QLD", "ACT", "SA", "WA", "TAS", "NT"};
    private static final String[][] NICKNAMES = {{"William", "Bill"}, {"Robert", "Bob"}, {"Richard", "Dick"},
        {"James", "Jim"}, {"Michael", "Mike"}, {"Elizabeth", "Liz"}, {"Margaret", "Peggy"}, {"Thomas", "Tom"},
        {"Joseph", "Joe"}, {"Christopher", "Chris"}, {"Daniel", "Dan"}, {"Matthew", "Matt"}, {"Anthony", "Tony"},
        {"Steven", "Steve"}, {"Andrew", "Andy"}, {"Kenneth", "Ken"}, {"Edward", "Ted"}, {"Susan", "Sue"},
        {"Jennifer", "Jen"}, {"Deborah", "Debbie"}, {"David", "Dave"}, {"John", "Jack"}};

    /** One invented person before any system mistypes it. */
    private record Person(boolean chinese, String given, String family, LocalDate birthDate, String id,
                          String house, String street, String type, String locality, String postcode, String state,
                          Address cnAddress) {}

    private final long seed;
    private final boolean withIds;

    public PersonRecords(long seed, boolean withIds) {
        this.seed = seed;
        this.withIds = withIds;
    }

    /** Generates exactly {@code records} records, each with its entity id. */
    public void generate(int records, SyntheticCustomers.Sink sink) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Words words = new Words(rnd.split());
        Noise noise = new Noise(rnd.split());
        SplittableRandom corrupt = rnd.split();
        Person previous = null;
        int index = 0;
        for (int entity = 0; index < records; entity++) {
            Person p = previous != null && rnd.nextDouble() < 0.1 ? housemate(rnd, words, previous)
                    : person(rnd, words);
            previous = p;
            int copies = copies(rnd);
            for (int c = 0; c < copies && index < records; c++, index++) {
                sink.accept(index, record(corrupt, noise, p, "p" + index, c == 0), entity);
            }
        }
    }

    private Person person(SplittableRandom rnd, Words words) {
        LocalDate born = LocalDate.ofEpochDay(LocalDate.of(1935, 1, 1).toEpochDay() + rnd.nextInt(25_000));
        if (rnd.nextDouble() < 0.2) {
            String[] name = words.chinesePersonName();
            String id = residentId(rnd, born);
            return new Person(true, name[0], null, born, id, null, null, null, null, null, null,
                    words.chineseAddress());
        }
        String given = Words.pick(rnd, Vocabulary.FIRST);
        String family = Words.pick(rnd, Vocabulary.LAST);
        int locality = rnd.nextInt(LOCALITIES.length);
        return new Person(false, given, family, born, String.valueOf(10_000_000 + rnd.nextInt(90_000_000)),
                String.valueOf(1 + rnd.nextInt(300)), Words.pick(rnd, STREETS), Words.pick(rnd, STREET_TYPES)[0],
                LOCALITIES[locality], String.valueOf(2000 + locality * 37), STATES[locality % STATES.length], null);
    }

    /** Someone living with {@code p}: same family name and address, everything else their own. */
    private Person housemate(SplittableRandom rnd, Words words, Person p) {
        Person other = person(rnd, words);
        if (p.chinese() != other.chinese()) {
            return other;
        }
        String given = p.chinese() ? p.given().charAt(0) + other.given().substring(1) : other.given();
        return new Person(p.chinese(), given, p.family(), other.birthDate(), other.id(), p.house(), p.street(),
                p.type(), p.locality(), p.postcode(), p.state(), p.cnAddress());
    }

    private static String residentId(SplittableRandom rnd, LocalDate born) {
        StringBuilder b = new StringBuilder().append(110000 + rnd.nextInt(540000))
                .append(String.format("%04d%02d%02d", born.getYear(), born.getMonthValue(), born.getDayOfMonth()))
                .append(String.format("%03d", rnd.nextInt(1000)));
        return b.append(IdentityDocuments.checkCharacter(b)).toString();
    }

    private Customer record(SplittableRandom rnd, Noise noise, Person p, String number, boolean original) {
        double rate = original ? 0.3 : 1; // the first copy is cleaner, as an original usually is
        String name = p.chinese() ? chineseName(rnd, noise, p, rate) : latinName(rnd, noise, p, rate);
        // With ids, half the Chinese records give the resident id only (the birth date is read from it).
        LocalDate born = withIds && p.chinese() && rnd.nextDouble() < 0.5 ? null : birthDate(rnd, p.birthDate(), rate);
        List<Document> documents = withIds ? document(rnd, noise, p, rate) : null;
        Address address = p.chinese() ? (rnd.nextDouble() < 0.1 * rate ? null : p.cnAddress())
                : address(rnd, noise, p, rate);
        return new Customer(number, PartyKind.PERSON, name, null, List.of(), List.of(),
                address == null ? List.of() : List.of(address), null, null, null, LifecycleStatus.CUSTOMER, born,
                documents);
    }

    private static String chineseName(SplittableRandom rnd, Noise noise, Person p, double rate) {
        return rnd.nextDouble() < 0.08 * rate ? noise.typo(p.given()) : p.given();
    }

    private static String latinName(SplittableRandom rnd, Noise noise, Person p, double rate) {
        String given = p.given();
        String family = p.family();
        double r = rnd.nextDouble();
        if (r < 0.05 * rate) {
            given = given.substring(0, 1); // initial
        } else if (r < 0.10 * rate) {
            given = nickname(given);
        } else if (r < 0.13 * rate) {
            given = null;
        }
        if (given != null && given.length() > 1 && rnd.nextDouble() < 0.12 * rate) {
            given = rnd.nextBoolean() ? noise.typo(given) : noise.transpose(given);
        }
        if (rnd.nextDouble() < 0.12 * rate) {
            family = rnd.nextBoolean() ? noise.typo(family) : noise.transpose(family);
        }
        if (given != null && rnd.nextDouble() < 0.03 * rate) {
            family = null;
        }
        String name = given == null ? family : family == null ? given
                : rnd.nextDouble() < 0.06 * rate ? family + " " + given : given + " " + family;
        return rnd.nextDouble() < 0.15 ? name.toUpperCase() : name;
    }

    private static String nickname(String given) {
        for (String[] n : NICKNAMES) {
            if (n[0].equals(given)) {
                return n[1];
            }
        }
        return given;
    }

    private static LocalDate birthDate(SplittableRandom rnd, LocalDate d, double rate) {
        double r = rnd.nextDouble();
        if (r < 0.08 * rate) {
            return null;
        }
        if (r < 0.12 * rate && d.getDayOfMonth() <= 12 && d.getDayOfMonth() != d.getMonthValue()) {
            return LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue());
        }
        if (r < 0.18 * rate) {
            return switch (rnd.nextInt(3)) {
                case 0 -> d.withYear(d.getYear() + (rnd.nextBoolean() ? 1 : -10));
                case 1 -> d.withMonth(d.getMonthValue() % 12 + 1);
                default -> d.withDayOfMonth(d.getDayOfMonth() % 28 + 1);
            };
        }
        return d;
    }

    private static List<Document> document(SplittableRandom rnd, Noise noise, Person p, double rate) {
        double r = rnd.nextDouble();
        if (r < 0.10 * rate) {
            return null;
        }
        String id = r < 0.16 * rate ? (rnd.nextBoolean() ? noise.typo(p.id()) : noise.transpose(p.id())) : p.id();
        return List.of(p.chinese() ? new Document(DocumentType.CN_RESIDENT_ID, id, "CN")
                : new Document(DocumentType.NATIONAL_ID, id, rnd.nextDouble() < 0.5 ? "AU" : null));
    }

    private static Address address(SplittableRandom rnd, Noise noise, Person p, double rate) {
        if (rnd.nextDouble() < 0.08 * rate) {
            return null;
        }
        String street = p.street();
        if (rnd.nextDouble() < 0.08 * rate) {
            street = noise.typo(street);
        }
        String[] types = typeForms(p.type());
        String type = rnd.nextDouble() < 0.4 ? types[rnd.nextInt(types.length)] : p.type();
        String line = rnd.nextDouble() < 0.05 * rate ? street + type.toLowerCase() // joined: "pridhamstreet"
                : street + " " + type;
        double h = rnd.nextDouble();
        String house = h < 0.05 * rate ? null : h < 0.08 * rate
                ? p.house().substring(0, p.house().length() - 1) + rnd.nextInt(10) : p.house();
        if (house != null) {
            line = house + " " + line;
        }
        if (rnd.nextDouble() < 0.05 * rate) {
            line = "Flat " + (1 + rnd.nextInt(20)) + ", " + line;
        }
        String locality = rnd.nextDouble() < 0.05 * rate ? null
                : rnd.nextDouble() < 0.06 * rate ? noise.typo(p.locality()) : p.locality();
        String postcode = rnd.nextDouble() < 0.05 * rate ? null
                : rnd.nextDouble() < 0.05 * rate ? noise.typo(p.postcode()) : p.postcode();
        return new Address("AU", rnd.nextDouble() < 0.2 ? null : p.state(), locality, line, postcode);
    }

    private static String[] typeForms(String type) {
        for (String[] forms : STREET_TYPES) {
            if (forms[0].equals(type)) {
                return forms;
            }
        }
        return new String[] {type};
    }

    private static int copies(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        for (int i = 0; i < COPIES.length; i++) {
            u -= COPIES[i];
            if (u < 0) {
                return i + 1;
            }
        }
        return COPIES.length;
    }
}
