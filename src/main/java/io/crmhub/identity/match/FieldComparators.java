package io.crmhub.identity.match;

import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.identity.normalize.LatinWords;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedDocument;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedPhone;
import io.crmhub.identity.normalize.PhoneType;
import java.util.List;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Compares two normalised customers field by field and weighs each field at once. A multi-valued field (phones,
 * e-mails, addresses) weighs every shared value and keeps the strongest after term frequencies (the first on a
 * tie); when nothing is shared it is DIFFERENT, SAME_ROAD or MISSING. Loops over the values, no lists or streams:
 * a batch compares millions of pairs. Stateless and thread-safe.
 */
final class FieldComparators {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final MatchRules.NameSimilarity bands;
    private final Weights weights;
    private final PersonComparisons people = new PersonComparisons(LatinWords.fromClasspath());

    FieldComparators(MatchRules.NameSimilarity bands, Weights weights) {
        this.bands = bands;
        this.weights = weights;
    }

    /** Name similarity in [0, 1]: 1 for equal keys or equal pinyin keys, else Jaro-Winkler of the keys. */
    static double nameSimilarity(NormalizedCustomer a, NormalizedCustomer b) {
        if (a.nameKey() == null || b.nameKey() == null) {
            return 0;
        }
        if (a.nameKey().equals(b.nameKey()) || a.pinyinKey() != null && a.pinyinKey().equals(b.pinyinKey())) {
            return 1;
        }
        return JARO_WINKLER.apply(a.nameKey(), b.nameKey());
    }

    double name(NormalizedCustomer a, NormalizedCustomer b, TermFrequencies tf, Weights.Best best) {
        String x = a.nameKey();
        String y = b.nameKey();
        if (x == null || y == null) {
            return weights.weigh(Field.NAME, Level.MISSING, null, tf, best);
        }
        if (x.equals(y)) {
            return weights.weigh(Field.NAME, Level.EXACT, x, tf, best);
        }
        if (latinPersons(a, b)) {
            // Before the pinyin keys, which sort the words too: a swapped Latin name is the same name, not a
            // romanisation (its weight is the exact one, as common as the first spelling).
            Level level = people.latinNames(a.name().tokens(), b.name().tokens());
            if (level != null) {
                return weights.weigh(Field.NAME, level, level == Level.EXACT ? x : null, tf, best);
            }
        }
        if (a.pinyinKey() != null && a.pinyinKey().equals(b.pinyinKey())) {
            return weights.weigh(Field.NAME, Level.PINYIN, x, tf, best);
        }
        return weights.weigh(Field.NAME, fuzzyLevel(a, b), null, tf, best);
    }

    private Level fuzzyLevel(NormalizedCustomer a, NormalizedCustomer b) {
        String x = a.nameKey();
        String y = b.nameKey();
        if (HanNames.oneCharacterSlip(x, y) || organisations(a, b) && HanNames.placeLeftOut(x, y)) {
            return Level.FUZZY_HIGH;
        }
        if (HanNames.crossScript(x, y)) {
            // Pinyin keys are sorted syllables, so unrelated names share prefixes ("dong han tang" / "dong wang
            // wen"): across scripts only a near-equal pinyin key is evidence.
            return a.pinyinKey() != null && b.pinyinKey() != null
                    && JARO_WINKLER.apply(a.pinyinKey(), b.pinyinKey()) >= bands.fuzzyHigh()
                    ? Level.FUZZY_HIGH : Level.DIFFERENT;
        }
        double similarity = JARO_WINKLER.apply(x, y);
        return similarity >= bands.fuzzyHigh() ? Level.FUZZY_HIGH
                : similarity >= bands.fuzzyLow() ? Level.FUZZY_LOW : Level.DIFFERENT;
    }

    private static boolean latinPersons(NormalizedCustomer a, NormalizedCustomer b) {
        return a.kind() != PartyKind.ORGANISATION && b.kind() != PartyKind.ORGANISATION && latin(a.nameKey())
                && latin(b.nameKey());
    }

    private static boolean latin(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) >= 0x2E80) {
                return false;
            }
        }
        return true;
    }

    double documents(List<NormalizedDocument> a, List<NormalizedDocument> b, TermFrequencies tf, Weights.Best best) {
        return weights.weigh(Field.DOCUMENT, PersonComparisons.documents(a, b), null, tf, best);
    }

    double birthDates(int a, int b, TermFrequencies tf, Weights.Best best) {
        return weights.weigh(Field.BIRTH_DATE, PersonComparisons.birthDates(a, b), null, tf, best);
    }

    private static boolean organisations(NormalizedCustomer a, NormalizedCustomer b) {
        return a.kind() == PartyKind.ORGANISATION && b.kind() == PartyKind.ORGANISATION;
    }

    double phones(List<NormalizedPhone> a, List<NormalizedPhone> b, TermFrequencies tf, Weights.Best best) {
        double strongest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            NormalizedPhone p = a.get(i);
            for (int j = 0; j < b.size(); j++) {
                if (b.get(j).e164().equals(p.e164())) {
                    Level level = p.type() == PhoneType.SERVICE ? Level.SHARED : Level.EXACT;
                    strongest = weights.stronger(strongest, Field.PHONE, level, p.e164(), tf, best);
                    break;
                }
            }
        }
        return orElse(strongest, Field.PHONE, a.isEmpty() || b.isEmpty() ? Level.MISSING : Level.DIFFERENT, tf, best);
    }

    double emails(List<NormalizedEmail> a, List<NormalizedEmail> b, TermFrequencies tf, Weights.Best best) {
        double strongest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            NormalizedEmail e = a.get(i);
            for (int j = 0; j < b.size(); j++) {
                if (b.get(j).address().equals(e.address())) {
                    Level level = e.role() ? Level.SHARED : Level.EXACT;
                    strongest = weights.stronger(strongest, Field.EMAIL, level, e.address(), tf, best);
                    break;
                }
            }
        }
        return orElse(strongest, Field.EMAIL, a.isEmpty() || b.isEmpty() ? Level.MISSING : Level.DIFFERENT, tf, best);
    }

    /**
     * Only addresses down to a road take part: two records that both say "上海市" agree on nothing useful.
     * Equal keys are EXACT; the same road with another house number, building, floor or room is SAME_ROAD.
     * International addresses (not China) are compared as tokens instead ({@link PersonComparisons#international});
     * a Chinese and an international address are not compared.
     */
    double addresses(List<NormalizedAddress> a, List<NormalizedAddress> b, TermFrequencies tf, Weights.Best best) {
        if (!anyUsable(a) || !anyUsable(b)) {
            return weights.weigh(Field.ADDRESS, Level.MISSING, null, tf, best);
        }
        double strongest = Double.NEGATIVE_INFINITY;
        boolean sameRoad = false;
        for (int i = 0; i < a.size(); i++) {
            NormalizedAddress x = a.get(i);
            if (!usable(x)) {
                continue;
            }
            for (int j = 0; j < b.size(); j++) {
                NormalizedAddress y = b.get(j);
                if (!usable(y) || x.international() != y.international()) {
                    continue;
                }
                if (x.matchKey().equals(y.matchKey())) {
                    strongest = weights.stronger(strongest, Field.ADDRESS, Level.EXACT, x.termValue(), tf, best);
                } else if (x.international()) {
                    Level level = PersonComparisons.international(x, y);
                    if (level == Level.EXACT || level == Level.FUZZY_HIGH) {
                        strongest = weights.stronger(strongest, Field.ADDRESS, level,
                                level == Level.EXACT ? x.termValue() : null, tf, best);
                    }
                    sameRoad |= level == Level.SAME_ROAD;
                } else {
                    sameRoad |= sameRoad(x, y);
                }
            }
        }
        return orElse(strongest, Field.ADDRESS, sameRoad ? Level.SAME_ROAD : Level.DIFFERENT, tf, best);
    }

    private double orElse(double strongest, Field field, Level otherwise, TermFrequencies tf, Weights.Best best) {
        return strongest != Double.NEGATIVE_INFINITY ? strongest : weights.weigh(field, otherwise, null, tf, best);
    }

    private static boolean anyUsable(List<NormalizedAddress> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            if (usable(addresses.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Down to a road; an international address also with a postcode and house number. */
    private static boolean usable(NormalizedAddress x) {
        return hasRoad(x) || x.international() && x.postcode() != null && x.houseNumber() != null;
    }

    private static boolean hasRoad(NormalizedAddress x) {
        return x.road() != null && !x.road().isBlank();
    }

    private static boolean sameRoad(NormalizedAddress x, NormalizedAddress y) {
        return Objects.equals(x.country(), y.country()) && Objects.equals(x.city(), y.city())
                && Objects.equals(x.district(), y.district()) && x.road().equals(y.road());
    }
}
