package io.crmhub.identity.match;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A field the probabilistic score compares. The tax id is not one: it decides by rule or cannot-link. */
public enum Field {
    @JsonProperty("name") NAME,
    @JsonProperty("phone") PHONE,
    @JsonProperty("email") EMAIL,
    @JsonProperty("address") ADDRESS
}
