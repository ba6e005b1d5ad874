package io.crmhub.identity.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The provinces of {@code mappings/identity/cn-provinces.yaml}, looked up by any of their names. */
final class Provinces {

    static final String FILE = "cn-provinces.yaml";

    /** A province found at the start of a text, and how many characters named it. */
    record Found(Province province, int length, boolean byShortName) {}

    private final List<Province> all;
    /** The English names in lower case, by the index of their province in {@code all}: lowered once, not per call. */
    private final String[] englishLower;

    Provinces(List<Province> all) {
        this.all = List.copyOf(all);
        this.englishLower = this.all.stream().map(p -> p.englishName().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    static Provinces load() {
        List<Province> all = new ArrayList<>();
        for (JsonNode p : IdentityData.required(IdentityData.read(FILE), "provinces", FILE)) {
            all.add(new Province(field(p, "code"), field(p, "name"), field(p, "short"), field(p, "en"),
                    "municipality".equals(field(p, "type"))));
        }
        if (all.size() != 34) {
            throw new IllegalStateException(IdentityData.FOLDER + FILE + ": expected 34 provinces, found " + all.size());
        }
        return new Provinces(all);
    }

    private static String field(JsonNode node, String name) {
        return IdentityData.required(node, name, FILE).asText();
    }

    /** The province whose full or short name starts {@code text}; the full name wins, it is longer. */
    Found atStart(String text) {
        Found best = null;
        for (Province p : all) {
            if (text.startsWith(p.name())) {
                return new Found(p, p.name().length(), false);
            }
            if (text.startsWith(p.shortName()) && (best == null || p.shortName().length() > best.length())) {
                best = new Found(p, p.shortName().length(), true);
            }
        }
        return best;
    }

    /** A structured province field: full, short or English name ("上海市", "上海", "Shanghai"). */
    Province byName(String field) {
        String name = field.strip();
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < all.size(); i++) {
            Province p = all.get(i);
            if (name.equals(p.name()) || name.equals(p.shortName()) || lower.equals(englishLower[i])) {
                return p;
            }
        }
        return null;
    }

    List<Province> all() {
        return all.stream().sorted(Comparator.comparing(Province::code)).toList();
    }
}
