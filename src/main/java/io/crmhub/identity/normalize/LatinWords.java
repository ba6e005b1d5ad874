package io.crmhub.identity.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nicknames, street types and unit words of Latin-script names and addresses, from
 * {@code mappings/identity/latin-names.yaml}. Immutable after loading.
 */
public final class LatinWords {

    private static final String FILE = "latin-names.yaml";
    private static volatile LatinWords packaged;

    private final Map<String, String> nicknames;
    private final Map<String, String> streetTypes;
    private final Set<String> unitWords;

    LatinWords(Map<String, String> nicknames, Map<String, String> streetTypes, List<String> unitWords) {
        this.nicknames = Map.copyOf(nicknames);
        this.streetTypes = Map.copyOf(streetTypes);
        this.unitWords = Set.copyOf(unitWords);
    }

    /** The packaged lists, read once. */
    public static LatinWords fromClasspath() {
        LatinWords words = packaged;
        if (words == null) {
            JsonNode root = IdentityData.read(FILE);
            words = new LatinWords(IdentityData.pairs(root, "nicknames", FILE),
                    IdentityData.pairs(root, "street-types", FILE), IdentityData.strings(root, "unit-words", FILE));
            packaged = words;
        }
        return words;
    }

    /** The given name a nickname stands for, or the word itself. */
    public String formal(String word) {
        return nicknames.getOrDefault(word, word);
    }

    /** The kind of street a word names ("st" → "street"), or null when it names none. */
    String streetType(String word) {
        return streetTypes.get(word);
    }

    /** A word ending in a street type ("pridhamstreet"), cut before it; null when none ends it. */
    String withoutJoinedType(String word) {
        for (String type : new String[] {"street", "road", "avenue", "drive", "lane", "place", "court", "crescent",
                "parade", "terrace", "highway", "boulevard", "circuit", "grove", "square"}) {
            if (word.length() > type.length() + 2 && word.endsWith(type)) {
                return word.substring(0, word.length() - type.length());
            }
        }
        return null;
    }

    boolean unitWord(String word) {
        return unitWords.contains(word);
    }
}
