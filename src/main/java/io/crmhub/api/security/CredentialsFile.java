package io.crmhub.api.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.crmhub.partner.PartnerProperties.RateLimit;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The partner credentials file: per partner its scopes, optional rate limit and one or more API keys, each
 * stored only as the SHA-256 of the key. Several keys per partner make rotation possible: add the new key,
 * let the partner switch, remove the old one — each step a file change the hub picks up without a restart.
 */
final class CredentialsFile {

    private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Content(List<Entry> partners) {}

    record Entry(String id, List<String> scopes, RateLimit rateLimit, List<Key> keys) {}

    /** @param expiresAt optional end of validity, for a key being rotated out */
    record Key(String id, String sha256, Instant expiresAt) {}

    /** A key's hash resolves to this. */
    record Grant(Partner partner, Instant expiresAt) {}

    private CredentialsFile() {}

    /**
     * Reads and checks the file.
     *
     * @return key hash (lower-case hex) → grant
     * @throws IllegalArgumentException naming the partner and key at fault; never quoting a hash
     */
    static Map<String, Grant> parse(byte[] yaml) {
        Content content;
        try {
            content = YAML.readValue(yaml, Content.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid credentials file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid credentials file: " + e.getMessage(), e);
        }
        Map<String, Grant> grants = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Entry entry : content == null || content.partners() == null ? List.<Entry>of() : content.partners()) {
            check(entry);
            if (!ids.add(entry.id())) {
                throw new IllegalArgumentException("partner " + entry.id() + " is listed twice");
            }
            for (Key key : entry.keys()) {
                Partner partner = new Partner(entry.id(), key.id(), Set.copyOf(entry.scopes()), entry.rateLimit());
                if (grants.put(key.sha256().toLowerCase(java.util.Locale.ROOT),
                        new Grant(partner, key.expiresAt())) != null) {
                    throw new IllegalArgumentException("key " + key.id() + " of partner " + entry.id()
                            + " has the same hash as another key");
                }
            }
        }
        return grants;
    }

    private static void check(Entry entry) {
        if (entry.id() == null || !PARTNER_ID.matcher(entry.id()).matches()) {
            throw new IllegalArgumentException("partner id '" + entry.id() + "' must match " + PARTNER_ID);
        }
        if (entry.scopes() == null || !Scopes.ALL.containsAll(entry.scopes())) {
            throw new IllegalArgumentException("partner " + entry.id() + ": scopes must be some of " + Scopes.ALL);
        }
        if (entry.keys() == null || entry.keys().isEmpty()) {
            throw new IllegalArgumentException("partner " + entry.id() + " has no keys");
        }
        for (Key key : entry.keys()) {
            if (key.id() == null || key.sha256() == null
                    || !SHA256.matcher(key.sha256().toLowerCase(java.util.Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("partner " + entry.id() + ": key " + key.id()
                        + " needs an id and sha256 (64 hex digits)");
            }
        }
        RateLimit limit = entry.rateLimit();
        if (limit != null && (limit.requestsPerSecond() <= 0 || limit.burst() < 1)) {
            throw new IllegalArgumentException("partner " + entry.id() + ": rate-limit needs requests-per-second > 0"
                    + " and burst >= 1");
        }
    }
}
