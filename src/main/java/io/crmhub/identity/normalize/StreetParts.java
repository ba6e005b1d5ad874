package io.crmhub.identity.normalize;

/**
 * The numbered parts of a Chinese street address: 世纪大道100号3号楼5楼501室 → road 世纪大道, house 100,
 * building 3, floor 5, room 501. Arabic numerals only (after half-width folding); 十二号 stays in the road.
 * 100号 and 100-102号 are house numbers, but not 3号楼, which is a building; building, floor and room are
 * 3号楼/A栋/B幢/C座, 5楼/5层/5F, 501室/房/户; trailing digits after a building or floor are a room (A座1203, 5楼501).
 * The scans are in {@link AddressScans}.
 */
record StreetParts(String road, String houseNumber, String building, String floor, String room) {

    /** @param street whitespace-free, half-width text after province, city and district */
    static StreetParts parse(String street) {
        String road = street;
        String house = null;
        String tail = street;
        int[] h = AddressScans.house(street);
        if (h != null) {
            road = street.substring(0, h[0]);
            house = street.substring(h[0], h[1]);
            tail = street.substring(h[2]);
        }
        int[] b = AddressScans.building(tail);
        String building = group(b, tail);
        String afterBuilding = building == null ? tail : tail.substring(b[2]);
        int[] f = AddressScans.floor(afterBuilding);
        String floor = group(f, afterBuilding);
        String room = group(AddressScans.room(tail), tail);
        if (room == null && (building != null || floor != null)) {
            String afterFloor = floor == null ? afterBuilding : afterBuilding.substring(f[2]);
            room = AddressScans.trailingNumber(afterFloor);
        }
        if (house == null) {
            road = cutAtFirstUnit(road);
        }
        return new StreetParts(emptyToNull(road), house, upper(building), floor, room);
    }

    /** Without a house number the road ends where the first building, floor or room begins. */
    private static String cutAtFirstUnit(String street) {
        int end = street.length();
        for (int[] unit : new int[][] {AddressScans.building(street), AddressScans.floor(street),
                AddressScans.room(street)}) {
            if (unit != null) {
                end = Math.min(end, unit[0]);
            }
        }
        return street.substring(0, end);
    }

    private static String group(int[] match, String text) {
        return match == null ? null : text.substring(match[0], match[1]);
    }

    private static String upper(String text) {
        return text == null ? null : text.toUpperCase(java.util.Locale.ROOT);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
