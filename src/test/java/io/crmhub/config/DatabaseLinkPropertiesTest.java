package io.crmhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** hub.database.*: what prod refuses, and what every link gets. */
class DatabaseLinkPropertiesTest {

    private static DatabaseLinkProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bind("hub.database",
                DatabaseLinkProperties.class).orElseGet(() -> new DatabaseLinkProperties(null, null, false, null, null,
                null, null, null));
    }

    @Test
    void whereVerifyFullIsRequiredAnythingLessRefusesToStartAndSaysWhatToSet() {
        for (String mode : new String[] {"disable", "allow", "prefer", "require", "verify-ca"}) {
            DatabaseLinkProperties links = bind(Map.of("hub.database.ssl-mode", mode,
                    "hub.database.require-verify-full", "true"));
            assertThatThrownBy(links::validated).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'" + mode + "'").hasMessageContaining("DB_SSL_MODE=verify-full")
                    .hasMessageContaining("DB_SSL_REQUIRE_VERIFY_FULL=false");
        }
        DatabaseLinkProperties full = bind(Map.of("hub.database.ssl-mode", "VERIFY-FULL",
                "hub.database.ssl-root-cert", "/etc/crm-hub/db-ca/ca.crt", "hub.database.require-verify-full", "true"));
        assertThat(full.validated().sslMode()).isEqualTo("verify-full");
        // told otherwise explicitly: a weaker mode starts
        assertThat(bind(Map.of("hub.database.ssl-mode", "disable", "hub.database.require-verify-full", "false"))
                .validated().sslMode()).isEqualTo("disable");
    }

    @Test
    void unknownModesAndASocketTimeoutBelowTheStatementTimeoutAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("hub.database.ssl-mode", "verify_full")).validated())
                .hasMessageContaining("is not one of");
        assertThatThrownBy(() -> bind(Map.of("hub.database.socket-timeout", "30s",
                "hub.database.statement-timeout", "1m")).validated()).hasMessageContaining("must exceed");
    }

    @Test
    void everyLinkGetsSslTimeoutsAndKeepAliveTheStoreAlsoItsStatementTimeout() {
        DatabaseLinkProperties links = bind(Map.of("hub.database.ssl-mode", "verify-full",
                "hub.database.ssl-root-cert", "/etc/crm-hub/db ca/ca.crt", "hub.database.connect-timeout", "1500ms",
                "hub.database.socket-timeout", "3m", "hub.database.statement-timeout", "90s")).validated();
        assertThat(links.driverProperties(true)).containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", "/etc/crm-hub/db ca/ca.crt").containsEntry("connectTimeout", "2")
                .containsEntry("socketTimeout", "180").containsEntry("tcpKeepAlive", "true")
                .containsEntry("options", "-c statement_timeout=90000");
        assertThat(links.driverProperties(false)).doesNotContainKey("options");
        assertThat(links.kpiStatementTimeout()).isEqualTo(Duration.ofSeconds(30));

        // the backfill's and the offset store's URLs: added, the URL's own settings kept
        assertThat(links.jdbcUrl("jdbc:postgresql://erp:5432/erp?ApplicationName=crm-hub-backfill&sslmode=require",
                false)).isEqualTo("jdbc:postgresql://erp:5432/erp?ApplicationName=crm-hub-backfill&sslmode=require"
                        + "&sslrootcert=%2Fetc%2Fcrm-hub%2Fdb%20ca%2Fca.crt&connectTimeout=2&socketTimeout=180"
                        + "&tcpKeepAlive=true");
        assertThat(links.jdbcUrl("jdbc:postgresql://crm/crm", true)).startsWith("jdbc:postgresql://crm/crm?sslmode="
                + "verify-full&").endsWith("&options=-c%20statement_timeout%3D90000");
    }
}
