package io.crmhub.identity.golden;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The survivorship rules survivorship.yaml can name, as a field's rule, its tie-break or a union's order. */
public enum RuleName {
    /** The value of the system listed first in {@code systems}; unlisted systems rank after all listed ones. */
    SOURCE_PRIORITY,
    /** The value of the member whose change occurred last (occurredAt, then sequence). */
    MOST_RECENT,
    /** Addresses: most non-blank parts; text: longest after trimming; phones: a known type beats unknown. */
    MOST_COMPLETE,
    /** The value carried by the most members, compared in normalised form. */
    MOST_FREQUENT,
    /** Enum fields: the value listed first in {@code ranking}; unlisted values rank after all listed ones. */
    HIGHEST_RANK,
    /**
     * Text fields: a value containing a letter of the script listed first in {@code scripts} (Unicode script names:
     * han, latin, ...); values with none of the listed scripts rank after all others. 李娜 over Li Na with [han].
     */
    SCRIPT_PRIORITY,
    /** List fields: the distinct values of all members, ordered by {@code order}, cut to {@code max}. */
    UNION;

    /** The kebab-case name used in survivorship.yaml and in provenance. */
    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
