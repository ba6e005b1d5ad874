package io.crmhub.identity.normalize;

import io.crmhub.canonical.Customer.Address;
import java.util.Locale;

/**
 * Addresses → {@link NormalizedAddress}. Chinese addresses, as free text ("上海市浦东新区世纪大道100号5楼501室")
 * or as canonical parts, are split into province, city, district and the numbered street parts; other
 * countries' addresses are only folded. The province list is data; cities and districts are recognised by
 * their suffix (市, 自治州, 地区, 盟 / 区, 县, 旗, 市), so a city without its province is found but its
 * province stays unknown.
 */
public final class AddressNormalizer {

    private static final String CHINA = "CN";

    private final Provinces provinces;
    private final LatinWords latin;

    AddressNormalizer(Provinces provinces) {
        this(provinces, LatinWords.fromClasspath());
    }

    AddressNormalizer(Provinces provinces, LatinWords latin) {
        this.provinces = provinces;
        this.latin = latin;
    }

    public static AddressNormalizer fromClasspath() {
        return new AddressNormalizer(Provinces.load(), LatinWords.fromClasspath());
    }

    /** A free-text Chinese address, as typed into one field. Null for blank. */
    public NormalizedAddress normalize(String freeText) {
        return Texts.isBlank(freeText) ? null : parseChinese(Texts.halfwidth(freeText), null);
    }

    /** A canonical address; an empty country is taken as China, where the hub's sources are. */
    public NormalizedAddress normalize(Address address) {
        if (address == null) {
            return null;
        }
        String country = Texts.isBlank(address.country()) ? CHINA : Texts.clean(address.country()).toUpperCase(Locale.ROOT);
        if (!CHINA.equals(country)) {
            return foreign(country, address);
        }
        Province given = Texts.isBlank(address.province()) ? null : provinces.byName(Texts.clean(address.province()));
        String text = join(given != null ? given.name() : address.province(), address.city(), address.street());
        return text.isEmpty() ? null : parseChinese(text, given);
    }

    private NormalizedAddress parseChinese(String text, Province given) {
        Cursor c = new Cursor(Texts.removeWhitespace(Texts.halfwidth(text)));
        c.advance(AddressScans.countryLength(c.rest()));
        Province province = readProvince(c);
        province = province != null ? province : given;
        String city = province != null && province.municipality() ? province.name()
                : c.take(AddressScans.cityEnd(c.rest()));
        if (city != null) {
            skipRepeats(c, city); // "上海市上海市…" when a structured city repeats the street's prefix
        }
        String district = c.take(AddressScans.districtEnd(c.rest()));
        StreetParts street = StreetParts.parse(c.rest());
        return build(CHINA, province, city, district, street);
    }

    private Province readProvince(Cursor c) {
        Provinces.Found found = provinces.atStart(c.rest());
        if (found == null) {
            return null;
        }
        Province p = found.province();
        // 吉林市 is a city of 吉林省: a short province name followed by 市 is that city, read as such below.
        if (found.byShortName() && !p.municipality() && c.rest().startsWith("市", found.length())) {
            return p;
        }
        c.advance(found.length());
        skipRepeats(c, p.name());
        return p;
    }

    /**
     * Drops the name again ("上海市上海市…", "上海市上海浦东新区…") when a structured field repeats the
     * street's prefix. The short form is dropped only before a district, so 苏州市苏州大道 keeps its road.
     */
    private static void skipRepeats(Cursor c, String name) {
        String shortName = name.endsWith("市") ? name.substring(0, name.length() - 1) : name;
        while (true) {
            if (c.rest().startsWith(name)) {
                c.advance(name.length());
            } else if (!shortName.isEmpty() && c.rest().startsWith(shortName)
                    && regionFollows(c.rest().substring(shortName.length()))) {
                c.advance(shortName.length());
            } else {
                return;
            }
        }
    }

    private static boolean regionFollows(String rest) {
        return AddressScans.districtEnd(rest) >= 0;
    }

    private static NormalizedAddress build(String country, Province province, String city, String district,
                                           StreetParts s) {
        String code = province == null ? null : province.code();
        // The city implies its province, and a quarter of addresses leave the province out (深圳市南山区… /
        // 广东省深圳市南山区…): the key names the province only when the city is unknown.
        String key = String.join("|", country, city == null ? nz(code) : "", nz(city), nz(district),
                nz(s.road() == null ? null : NameFolding.fold(s.road()).replace(" ", "")),
                nz(s.houseNumber()), nz(s.building()), nz(s.floor()), nz(s.room()));
        // Cities, districts and roads come from a small vocabulary: one copy each, not one per record of a batch.
        return new NormalizedAddress(country, code, province == null ? null : province.name(), intern(city),
                intern(district), intern(s.road()), s.houseNumber(), s.building(), s.floor(), s.room(), key);
    }

    /**
     * Outside China the street is read as tokens: the house number (the number before the street's words, else the
     * first after them; a flat or unit number is skipped), the street's words without their kind ("177 Pridham St",
     * "177 pridhamstreet" and "177 Pridham Street" are street "pridham", house "177"), the locality and the
     * postcode. A parser per country is out of scope; this is what the common Western forms share.
     */
    private NormalizedAddress foreign(String country, Address a) {
        String province = Texts.clean(a.province());
        String locality = compact(fold(Texts.clean(a.city())));
        String postcode = a.postalCode() == null ? null : compact(Texts.removeWhitespace(Texts.halfwidth(
                a.postalCode())).toUpperCase(Locale.ROOT));
        String[] tokens = fold(Texts.clean(a.street())).split(" ");
        String house = null;
        String houseAfter = null;
        StringBuilder street = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                continue;
            }
            if (latin.unitWord(t)) {
                i += i + 1 < tokens.length && hasDigit(tokens[i + 1]) ? 1 : 0; // "flat 3": not the house number
            } else if (hasDigit(t)) {
                if (street.isEmpty()) {
                    house = t; // the last number before the street's words: "3 12 high st" is house 12
                } else if (houseAfter == null) {
                    houseAfter = t;
                }
            } else if (latin.streetType(t) == null || street.isEmpty() && i == tokens.length - 1) {
                String core = latin.withoutJoinedType(t);
                street.append(core != null ? core : t);
            }
        }
        house = house != null ? house : houseAfter;
        String road = street.isEmpty() ? null : street.toString();
        String key = String.join("|", country, nz(postcode), nz(locality), nz(road), nz(house), "", "", "", "");
        return new NormalizedAddress(country, null, province, intern(locality), null, intern(road), house, null, null,
                null, key, postcode);
    }

    private static boolean hasDigit(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String compact(String text) {
        return text == null || text.isEmpty() ? null : text.replace(" ", "");
    }

    private static String fold(String text) {
        return text == null ? "" : NameFolding.fold(text);
    }

    private static String intern(String text) {
        return Texts.shared(text);
    }

    private static String nz(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!Texts.isBlank(p)) {
                sb.append(p.strip());
            }
        }
        return sb.toString();
    }

    /** Reads a string from left to right. */
    private static final class Cursor {
        private String rest;

        Cursor(String text) {
            this.rest = text;
        }

        String rest() {
            return rest;
        }

        void advance(int n) {
            rest = rest.substring(n);
        }

        /** The rest up to {@code end}, consumed; null when {@code end} is -1 (nothing matched). */
        String take(int end) {
            if (end < 0) {
                return null;
            }
            String taken = rest.substring(0, end);
            rest = rest.substring(end);
            return taken;
        }
    }
}
