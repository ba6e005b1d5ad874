package io.crmhub.api.security;

import io.crmhub.api.security.CredentialsFile.Grant;
import io.crmhub.partner.PartnerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Partner API keys, read from the credentials file ({@code hub.partners.credentials}) and re-read every
 * {@code reload-interval-ms} on the request path, so a key added, rotated or revoked (e.g. a Kubernetes Secret
 * mounted as a file) applies without a restart. Keys are stored as SHA-256 hashes: they are random 256-bit
 * secrets, so a slow password hash (bcrypt, Argon2) adds no protection and would cost milliseconds of CPU per
 * request. A file that cannot be read or is invalid at reload keeps the previous keys (and is logged); a file
 * that does not exist (yet) means no partner can call.
 *
 * <p>A key seen once is not hashed again: known keys are remembered by their value next to the hashes they were
 * found by, in one object that a changed file replaces as a whole, so a revoked key stops working at the reload
 * that drops it. Only keys the file grants are remembered (at most one entry per granted key); an unknown key is
 * hashed on every call and never stored. Expiry is checked on every call.
 */
@Component
public class PartnerCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerCredentials.class);

    private final Resource file;
    private final long intervalMs;
    private final Clock clock;
    private final AtomicLong nextCheck = new AtomicLong();
    private volatile Keys keys = new Keys(Map.of());
    private volatile byte[] loaded = new byte[0];

    /** The grants of one version of the file, by key hash, and the keys already seen, by value. */
    private record Keys(Map<String, Grant> byHash, ConcurrentMap<String, Grant> seen) {
        Keys(Map<String, Grant> byHash) {
            this(byHash, new ConcurrentHashMap<>());
        }

        Grant find(String apiKey) {
            Grant grant = seen.get(apiKey);
            if (grant == null) {
                grant = byHash.get(sha256(apiKey));
                if (grant != null) {
                    seen.put(apiKey, grant); // bounded: one entry per key of the file
                }
            }
            return grant;
        }
    }

    @Autowired
    public PartnerCredentials(PartnerProperties properties, ResourceLoader resources) {
        this(resources.getResource(properties.credentials()), properties.reloadIntervalMs(), Clock.systemUTC());
        reload(true);
    }

    PartnerCredentials(Resource file, long intervalMs, Clock clock) {
        this.file = file;
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    /** The partner holding this key, if the key is known and not expired. */
    public Optional<Partner> authenticate(String apiKey) {
        long now = clock.millis();
        long due = nextCheck.get();
        if (now >= due && nextCheck.compareAndSet(due, now + intervalMs)) {
            reload(false);
        }
        Grant grant = keys.find(apiKey);
        if (grant == null || grant.expiresAt() != null && !clock.instant().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant.partner());
    }

    /** Re-reads the file if its content changed; at start-up an invalid file stops the hub. */
    void reload(boolean startup) {
        byte[] content;
        try {
            content = read();
        } catch (IOException e) {
            LOG.error("Partner credentials {} could not be read, keeping {} keys: {}", file, keys.byHash().size(),
                    e.getMessage());
            return;
        }
        if (Arrays.equals(content, loaded)) {
            return;
        }
        try {
            Map<String, Grant> grants = CredentialsFile.parse(content);
            keys = new Keys(grants);
            loaded = content;
            LOG.info("Partner credentials {}: {} keys of {} partners", file, grants.size(),
                    grants.values().stream().map(g -> g.partner().id()).distinct().count());
        } catch (IllegalArgumentException e) {
            if (startup) {
                throw new IllegalStateException("partner credentials " + file + ": " + e.getMessage(), e);
            }
            LOG.error("Partner credentials {} are invalid, keeping the previous {} keys: {}", file, keys.byHash().size(),
                    e.getMessage());
        }
    }

    private byte[] read() throws IOException {
        if (!file.exists()) {
            if (loaded.length == 0) {
                LOG.warn("Partner credentials {} do not exist: no partner can call the API until they do", file);
            }
            return new byte[] {'{', '}'};
        }
        try (InputStream in = file.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes, as {@code printf %s KEY | sha256sum} prints it. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
