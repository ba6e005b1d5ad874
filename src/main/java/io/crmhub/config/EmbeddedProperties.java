package io.crmhub.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded default ({@code hub.embedded.*}). Read once before the context exists by
 * {@link EmbeddedEnvironmentPostProcessor}; bound here too so the settings are validated and documented.
 *
 * @param enabled      start PostgreSQL and Kafka inside this JVM and point the hub at them (local and tests)
 * @param postgresPort PostgreSQL port; 0 picks a free one
 * @param crmDatabase  database of the CRM store
 * @param erpDatabase  database of the demo ERP
 */
@Validated
@ConfigurationProperties("hub.embedded")
public record EmbeddedProperties(
        boolean enabled,
        @Min(0) @Max(65535) int postgresPort,
        @Pattern(regexp = "[a-z_][a-z0-9_]*") String crmDatabase,
        @Pattern(regexp = "[a-z_][a-z0-9_]*") String erpDatabase) {}
