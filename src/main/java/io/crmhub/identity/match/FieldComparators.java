package io.crmhub.identity.match;

import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedPhone;
import io.crmhub.identity.normalize.PhoneType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Compares two normalised customers field by field. A multi-valued field (phones, e-mails, addresses) yields
 * one {@link Comparison} per shared value, so the scorer can keep the strongest after term frequencies; when
 * nothing is shared it yields a single DIFFERENT, SAME_ROAD or MISSING. Stateless and thread-safe.
 */
final class FieldComparators {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final MatchRules.NameSimilarity bands;

    FieldComparators(MatchRules.NameSimilarity bands) {
        this.bands = bands;
    }

    List<Comparison> compare(Field field, NormalizedCustomer a, NormalizedCustomer b) {
        return switch (field) {
            case NAME -> List.of(name(a, b));
            case PHONE -> phones(a.phones(), b.phones());
            case EMAIL -> emails(a.emails(), b.emails());
            case ADDRESS -> addresses(a.addresses(), b.addresses());
        };
    }

    /** Name similarity in [0, 1]: 1 for equal keys or equal pinyin keys, else Jaro-Winkler of the keys. */
    static double nameSimilarity(NormalizedCustomer a, NormalizedCustomer b) {
        if (a.nameKey() == null || b.nameKey() == null) {
            return 0;
        }
        if (a.pinyinKey() != null && a.pinyinKey().equals(b.pinyinKey())) {
            return 1;
        }
        return JARO_WINKLER.apply(a.nameKey(), b.nameKey());
    }

    private Comparison name(NormalizedCustomer a, NormalizedCustomer b) {
        if (a.nameKey() == null || b.nameKey() == null) {
            return Comparison.of(Level.MISSING);
        }
        if (a.nameKey().equals(b.nameKey())) {
            return new Comparison(Level.EXACT, a.nameKey());
        }
        if (a.pinyinKey() != null && a.pinyinKey().equals(b.pinyinKey())) {
            return new Comparison(Level.PINYIN, a.nameKey());
        }
        if (HanNames.oneCharacterSlip(a.nameKey(), b.nameKey())
                || organisations(a, b) && HanNames.placeLeftOut(a.nameKey(), b.nameKey())) {
            return Comparison.of(Level.FUZZY_HIGH);
        }
        double similarity = HanNames.crossScript(a.nameKey(), b.nameKey()) && a.pinyinKey() != null
                && b.pinyinKey() != null
                ? JARO_WINKLER.apply(a.pinyinKey(), b.pinyinKey()) : JARO_WINKLER.apply(a.nameKey(), b.nameKey());
        Level level = similarity >= bands.fuzzyHigh() ? Level.FUZZY_HIGH
                : similarity >= bands.fuzzyLow() ? Level.FUZZY_LOW : Level.DIFFERENT;
        return Comparison.of(level);
    }

    private static boolean organisations(NormalizedCustomer a, NormalizedCustomer b) {
        return a.kind() == PartyKind.ORGANISATION && b.kind() == PartyKind.ORGANISATION;
    }

    private static List<Comparison> phones(List<NormalizedPhone> a, List<NormalizedPhone> b) {
        List<Comparison> shared = new ArrayList<>();
        for (NormalizedPhone p : a) {
            if (b.stream().anyMatch(q -> q.e164().equals(p.e164()))) {
                shared.add(new Comparison(p.type() == PhoneType.SERVICE ? Level.SHARED : Level.EXACT, p.e164()));
            }
        }
        return orElse(shared, a.isEmpty() || b.isEmpty() ? Level.MISSING : Level.DIFFERENT);
    }

    private static List<Comparison> emails(List<NormalizedEmail> a, List<NormalizedEmail> b) {
        List<Comparison> shared = new ArrayList<>();
        for (NormalizedEmail e : a) {
            if (b.stream().anyMatch(f -> f.address().equals(e.address()))) {
                shared.add(new Comparison(e.role() ? Level.SHARED : Level.EXACT, e.address()));
            }
        }
        return orElse(shared, a.isEmpty() || b.isEmpty() ? Level.MISSING : Level.DIFFERENT);
    }

    /**
     * Only addresses down to a road take part: two records that both say "上海市" agree on nothing useful.
     * Equal keys are EXACT; the same road with another house number, building, floor or room is SAME_ROAD.
     */
    private static List<Comparison> addresses(List<NormalizedAddress> a, List<NormalizedAddress> b) {
        List<NormalizedAddress> left = withRoad(a);
        List<NormalizedAddress> right = withRoad(b);
        if (left.isEmpty() || right.isEmpty()) {
            return List.of(Comparison.of(Level.MISSING));
        }
        List<Comparison> shared = new ArrayList<>();
        boolean sameRoad = false;
        for (NormalizedAddress x : left) {
            for (NormalizedAddress y : right) {
                if (x.matchKey().equals(y.matchKey())) {
                    shared.add(new Comparison(Level.EXACT, x.matchKey()));
                }
                sameRoad |= sameRoad(x, y);
            }
        }
        return orElse(shared, sameRoad ? Level.SAME_ROAD : Level.DIFFERENT);
    }

    private static List<NormalizedAddress> withRoad(List<NormalizedAddress> addresses) {
        return addresses.stream().filter(x -> x.road() != null && !x.road().isBlank()).toList();
    }

    private static boolean sameRoad(NormalizedAddress x, NormalizedAddress y) {
        return Objects.equals(x.country(), y.country()) && Objects.equals(x.city(), y.city())
                && Objects.equals(x.district(), y.district()) && x.road().equals(y.road());
    }

    private static List<Comparison> orElse(List<Comparison> shared, Level otherwise) {
        return shared.isEmpty() ? List.of(Comparison.of(otherwise)) : shared;
    }
}
