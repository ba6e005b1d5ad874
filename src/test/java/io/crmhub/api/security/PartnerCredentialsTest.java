package io.crmhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

/** The credentials file: hashed keys, scopes, expiry, checks naming the partner, and reloads. */
class PartnerCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void aKeyAuthenticatesByItsHashUntilItExpires() throws Exception {
        Path file = write("""
                partners:
                  - id: acme
                    scopes: [customers:read]
                    keys:
                      - {id: old, sha256: %s, expires-at: 2026-01-01T00:00:00Z}
                      - {id: new, sha256: %s}
                """.formatted(PartnerCredentials.sha256("old-key"), PartnerCredentials.sha256("new-key")));
        PartnerCredentials before = credentials(file, "2025-12-31T23:59:59Z");
        PartnerCredentials after = credentials(file, "2026-01-01T00:00:00Z");

        assertThat(before.authenticate("old-key")).hasValueSatisfying(p -> assertThat(p.keyId()).isEqualTo("old"));
        assertThat(after.authenticate("old-key")).isEmpty();
        assertThat(after.authenticate("new-key")).hasValueSatisfying(p -> assertThat(p.has("customers:read")).isTrue());
        assertThat(after.authenticate("guess")).isEmpty();
    }

    @Test
    void aBrokenFileNamesThePartnerAndKeyAndNeverAHash() {
        assertThatThrownBy(() -> CredentialsFile.parse(bytes("partners: [{id: acme, scopes: [everything], keys: []}]")))
                .hasMessageContaining("partner acme: scopes must be some of");
        assertThatThrownBy(() -> CredentialsFile.parse(bytes("partners: [{id: acme, scopes: [kpis:read], "
                + "keys: [{id: k1, sha256: abc}]}]"))).hasMessageContaining("key k1 needs an id and sha256");
        assertThatThrownBy(() -> CredentialsFile.parse(bytes("partners: [{id: Not_OK, scopes: [], keys: []}]")))
                .hasMessageContaining("partner id 'Not_OK'");
    }

    @Test
    void anInvalidFileAtReloadKeepsThePreviousKeys() throws Exception {
        Path file = write("partners: [{id: acme, scopes: [kpis:read], keys: [{id: k, sha256: %s}]}]"
                .formatted(PartnerCredentials.sha256("the-key")));
        PartnerCredentials credentials = credentials(file, "2026-01-01T00:00:00Z");
        Files.writeString(file, "partners: [{id: acme, scopes: [nonsense]");
        credentials.reload(false);
        assertThat(credentials.authenticate("the-key")).isPresent();
    }

    @Test
    void aKeyRememberedAfterItsFirstUseStopsWorkingAtTheReloadThatRevokesIt() throws Exception {
        Path file = write("partners: [{id: acme, scopes: [kpis:read], keys: [{id: k, sha256: %s}]}]"
                .formatted(PartnerCredentials.sha256("the-key")));
        PartnerCredentials credentials = credentials(file, "2026-01-01T00:00:00Z");
        assertThat(credentials.authenticate("the-key")).isPresent();
        assertThat(credentials.authenticate("the-key")).as("second use, from the remembered keys").isPresent();

        Files.writeString(file, "partners: [{id: acme, scopes: [kpis:read], keys: [{id: k2, sha256: %s}]}]"
                .formatted(PartnerCredentials.sha256("another-key")));
        credentials.reload(false);
        assertThat(credentials.authenticate("the-key")).isEmpty();
        assertThat(credentials.authenticate("another-key")).hasValueSatisfying(p -> assertThat(p.keyId())
                .isEqualTo("k2"));
    }

    private PartnerCredentials credentials(Path file, String now) {
        PartnerCredentials credentials = new PartnerCredentials(new FileSystemResource(file), 60_000,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        credentials.reload(true);
        return credentials;
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("partners.yaml"), yaml);
    }

    private static byte[] bytes(String yaml) {
        return yaml.getBytes(StandardCharsets.UTF_8);
    }
}
