package io.crmhub.identity.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered parts of a Chinese street address: 世纪大道100号3号楼5楼501室 → road 世纪大道, house 100,
 * building 3, floor 5, room 501. Arabic numerals only (after half-width folding); 十二号 stays in the road.
 */
record StreetParts(String road, String houseNumber, String building, String floor, String room) {

    /** 100号, 100-102号, but not 3号楼, which is a building. */
    private static final Pattern HOUSE = Pattern.compile("^(.*?)(\\d+(?:-\\d+)?)号(?!楼)");
    private static final Pattern BUILDING = Pattern.compile("([a-z0-9]+)(?:号楼|栋|幢|座)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FLOOR = Pattern.compile("(\\d+)(?:楼|层|f)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROOM = Pattern.compile("(\\d+)(?:室|房|户)");
    /** Trailing digits after a building or floor are a room: A座1203, 5楼501. */
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    /** @param street whitespace-free, half-width text after province, city and district */
    static StreetParts parse(String street) {
        String road = street;
        String house = null;
        String tail = street;
        Matcher h = HOUSE.matcher(street);
        if (h.find()) {
            road = h.group(1);
            house = h.group(2);
            tail = street.substring(h.end());
        }
        String building = group(BUILDING, tail);
        String afterBuilding = building == null ? tail : tail.substring(endOf(BUILDING, tail));
        String floor = group(FLOOR, afterBuilding);
        String room = group(ROOM, tail);
        if (room == null && (building != null || floor != null)) {
            String afterFloor = floor == null ? afterBuilding : afterBuilding.substring(endOf(FLOOR, afterBuilding));
            room = group(TRAILING_NUMBER, afterFloor);
        }
        if (house == null) {
            road = cutAtFirstUnit(road);
        }
        return new StreetParts(emptyToNull(road), house, upper(building), floor, room);
    }

    /** Without a house number the road ends where the first building, floor or room begins. */
    private static String cutAtFirstUnit(String street) {
        int end = street.length();
        for (Pattern unit : new Pattern[] {BUILDING, FLOOR, ROOM}) {
            Matcher m = unit.matcher(street);
            if (m.find()) {
                end = Math.min(end, m.start());
            }
        }
        return street.substring(0, end);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static int endOf(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.end() : 0;
    }

    private static String upper(String text) {
        return text == null ? null : text.toUpperCase(java.util.Locale.ROOT);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
