package io.crmhub.identity.match;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A field the probabilistic score compares. The tax id is not one: it decides by rule or cannot-link. A new field
 * goes last: the order is the order of explanations.
 */
public enum Field {
    @JsonProperty("name") NAME,
    @JsonProperty("phone") PHONE,
    @JsonProperty("email") EMAIL,
    @JsonProperty("address") ADDRESS,
    /** Identity documents of one type (resident id, passport, national id). */
    @JsonProperty("document") DOCUMENT,
    @JsonProperty("birth-date") BIRTH_DATE
}
