package io.crmhub.identity.golden;

import java.lang.Character.UnicodeScript;
import java.util.List;
import java.util.Locale;

/** The script-priority rule's view of text: which of the listed Unicode scripts a value is written in. */
final class Scripts {

    private Scripts() {}

    /** The Unicode script of a name as written in survivorship.yaml ({@code han}, {@code latin}), or null. */
    static UnicodeScript of(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return UnicodeScript.forName(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The listed names as scripts, resolved once per ranking rather than per comparison. */
    static List<UnicodeScript> all(List<String> names) {
        return names.stream().map(Scripts::of).toList();
    }

    /**
     * The index of the first listed script the value has a letter of; {@code scripts.size()} when it has none.
     * "李娜" is han, "Li Na" latin, "申通物流 (ERP 2)" han under [han, latin]: a Han name with a Latin tag is still
     * the Han-script name.
     */
    static int rank(List<UnicodeScript> scripts, Object value) {
        String text = String.valueOf(value);
        int best = scripts.size();
        for (int i = 0, cp; i < text.length(); i += Character.charCount(cp)) {
            cp = text.codePointAt(i);
            if (!Character.isLetter(cp)) {
                continue;
            }
            UnicodeScript script = UnicodeScript.of(cp);
            for (int s = 0; s < best; s++) {
                if (scripts.get(s) == script) {
                    best = s;
                    break;
                }
            }
        }
        return best;
    }
}
