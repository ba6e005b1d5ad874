package io.crmhub.identity.normalize;

/**
 * An address split into the parts matching compares. House number, building, floor and room are kept
 * apart from the road, so two offices on the same road are two addresses. Unknown parts are null.
 *
 * @param country      ISO 3166-1 alpha-2
 * @param provinceCode GB/T 2260 code of a Chinese province, e.g. "31"
 * @param province     full province name, e.g. 上海市
 * @param city         e.g. 上海市, 深圳市
 * @param district     e.g. 浦东新区, 昆山市
 * @param road         what is left of the street once the numbers are taken out, e.g. 世纪大道
 * @param houseNumber  e.g. "100" of 100号
 * @param building     e.g. "3" of 3号楼, "A" of A座
 * @param floor        e.g. "5" of 5楼
 * @param room         e.g. "501" of 501室
 * @param matchKey     all of the above, folded, "|"-separated, empty where unknown; the province code only when
 *                     the city is unknown, since the city implies it. Outside China: country, postcode, locality,
 *                     street and house number
 * @param postcode     outside China: the postcode, upper case without spaces; null in China (the hub's Chinese
 *                     sources rarely fill it, and the parsed parts are compared instead)
 */
public record NormalizedAddress(String country, String provinceCode, String province, String city,
                                String district, String road, String houseNumber, String building,
                                String floor, String room, String matchKey, String postcode) {

    public NormalizedAddress {
        // the same few thousand places and roads recur in every record: one copy each (a million records held by
        // the dry run or a backfill page would otherwise carry millions of equal strings)
        country = Texts.shared(country);
        provinceCode = Texts.shared(provinceCode);
        province = Texts.shared(province);
        city = Texts.shared(city);
        district = Texts.shared(district);
        road = Texts.shared(road);
        postcode = Texts.shared(postcode);
    }

    /** A Chinese address (no postcode compared). */
    public NormalizedAddress(String country, String provinceCode, String province, String city, String district,
                             String road, String houseNumber, String building, String floor, String room,
                             String matchKey) {
        this(country, provinceCode, province, city, district, road, houseNumber, building, floor, room, matchKey, null);
    }

    /**
     * The value of this address's block key: the match key in China; outside China a looser key that survives a
     * mistyped street or locality — country, postcode and house number, else country, postcode (or locality) and
     * street; null when too little is known to block on.
     */
    public String blockKey() {
        if (!international()) {
            return road == null ? null : matchKey;
        }
        if (postcode != null && houseNumber != null) {
            return country + "|" + postcode + "|#" + houseNumber;
        }
        String place = postcode != null ? postcode : city;
        return road == null || place == null ? null : country + "|" + place + "|" + road;
    }

    /**
     * The value whose frequency weighs an agreement (term frequencies): the match key in China; outside China the
     * block key, which the store counts already (an address's block key doubles as its term key).
     */
    public String termValue() {
        String block = international() ? blockKey() : null;
        return block != null ? block : matchKey;
    }

    /** Parsed by the international rules: compared as tokens (postcode, house number, street, locality). */
    public boolean international() {
        return !"CN".equals(country);
    }
}
