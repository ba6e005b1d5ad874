package io.crmhub.identity.match;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How two records compare on one field. The agreement levels carry an m and a u probability in
 * match-rules.yaml; {@link #DIFFERENT}, {@link #SAME_ROAD} and {@link #MISSING} are derived, not configured.
 */
public enum Level {
    /** Equal match keys. */
    @JsonProperty("exact") EXACT,
    /** Names whose keys differ but whose pinyin keys are equal: 张伟 and "Zhang Wei". */
    @JsonProperty("pinyin") PINYIN,
    @JsonProperty("fuzzy-high") FUZZY_HIGH,
    @JsonProperty("fuzzy-low") FUZZY_LOW,
    /** A document number one edit or one transposition away; a birth date with one of year, month, day off. */
    @JsonProperty("one-off") ONE_OFF,
    /** A birth date with day and month swapped (07-03 / 03-07). */
    @JsonProperty("swapped") SWAPPED,
    /** The same service line or role mailbox: many unrelated records carry it, so it proves little. */
    @JsonProperty("shared") SHARED,
    /**
     * The same road but a different house number, building, floor or room: two offices on one road are two
     * addresses, yet neither proves the records differ (people move within a street), so it weighs 0.
     */
    @JsonProperty("same-road") SAME_ROAD,
    /** Both records have the field and no value agrees: weighs log2((1 - sum m)/(1 - sum u)). */
    @JsonProperty("different") DIFFERENT,
    /** At least one record lacks the field: no evidence either way, weighs 0. */
    @JsonProperty("missing") MISSING;

    /** Whether this level means both records hold an equal value, so a term frequency applies to it. */
    boolean equalValue() {
        return this == EXACT || this == PINYIN || this == SHARED;
    }
}
