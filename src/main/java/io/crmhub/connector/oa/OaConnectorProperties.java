package io.crmhub.connector.oa;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The OA SOAP service and how the hub pages through it ({@code hub.connectors.oa.*}).
 *
 * @param enabled          run the OA poll route
 * @param url              SOAP endpoint address of the OA change service
 * @param username         HTTP Basic user; leave empty when a token is used
 * @param password         HTTP Basic password (from the environment or a mounted secret, never a file in git)
 * @param token            API token sent in {@code tokenHeader} instead of HTTP Basic (secret, as above)
 * @param tokenHeader      HTTP header carrying the token
 * @param entities         OA entities polled, in this order (contacts first, so interactions find them)
 * @param pollIntervalMs   pause between two polls once every entity is read up to date
 * @param pageSize         changes asked per page
 * @param connectTimeoutMs how long to wait for the TCP connection
 * @param receiveTimeoutMs how long to wait for a page; a slower answer is a transient fault and retried
 */
@Validated
@ConfigurationProperties("hub.connectors.oa")
public record OaConnectorProperties(
        boolean enabled,
        @NotBlank String url,
        String username,
        String password,
        String token,
        @NotBlank String tokenHeader,
        @NotEmpty List<String> entities,
        @Min(10) long pollIntervalMs,
        @Min(1) @Max(1000) int pageSize,
        @Min(1) long connectTimeoutMs,
        @Min(1) long receiveTimeoutMs) {

    /** Exactly one way to authenticate when enabled: a user with a password, or a token. */
    @AssertTrue(message = "set either username and password, or token (not both)")
    public boolean isCredentialsValid() {
        return !enabled || usesToken() != hasText(username) && (usesToken() || password != null);
    }

    @AssertTrue(message = "entities must be among contacts, visits, contracts, tickets, surveys")
    public boolean isEntitiesValid() {
        return entities == null || entities.stream().allMatch(e -> java.util.Arrays.stream(OaEntity.values())
                .anyMatch(known -> known.id().equals(e)));
    }

    public boolean usesToken() {
        return hasText(token);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
