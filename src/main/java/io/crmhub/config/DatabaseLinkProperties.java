package io.crmhub.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the hub connects to PostgreSQL ({@code hub.database.*}): the CRM store (its pool and Debezium's offset table),
 * Debezium's connection to the ERP and the backfill's ERP reads all use these settings (docs/security.md).
 *
 * @param sslMode                pgjdbc {@code sslmode}: disable, allow, prefer, require, verify-ca or verify-full.
 *                               {@code prefer} (pgjdbc's default) silently falls back to plain text
 * @param sslRootCert            PEM file of the CA that signed the servers' certificates ({@code sslrootcert}); empty:
 *                               pgjdbc's default ({@code ~/.postgresql/root.crt})
 * @param requireVerifyFull      refuse to start with anything less than {@code verify-full} (true in prod; set false
 *                               only where the network itself is trusted)
 * @param connectTimeout         longest wait to open a connection ({@code connectTimeout})
 * @param socketTimeout          longest wait for any read on an open connection ({@code socketTimeout}): a half-open
 *                               connection fails instead of hanging a store or CDC thread. Above the statement
 *                               timeout, and above the ERP's replication keep-alive interval (wal_sender_timeout / 2)
 * @param statementTimeout       server-side {@code statement_timeout} of the CRM store's connections; 0 = none
 * @param kpiStatementTimeout    bound of one KPI report or score computation (its read transaction), shorter
 * @param tcpKeepAlive           TCP keep-alives on every connection
 */
@ConfigurationProperties("hub.database")
public record DatabaseLinkProperties(
        String sslMode,
        String sslRootCert,
        boolean requireVerifyFull,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration statementTimeout,
        Duration kpiStatementTimeout,
        Boolean tcpKeepAlive) {

    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public DatabaseLinkProperties {
        sslMode = sslMode == null || sslMode.isBlank() ? "prefer" : sslMode.strip().toLowerCase(Locale.ROOT);
        sslRootCert = sslRootCert == null ? "" : sslRootCert.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        socketTimeout = socketTimeout == null ? Duration.ofMinutes(5) : socketTimeout;
        statementTimeout = statementTimeout == null ? Duration.ofMinutes(2) : statementTimeout;
        kpiStatementTimeout = kpiStatementTimeout == null ? Duration.ofSeconds(30) : kpiStatementTimeout;
        tcpKeepAlive = tcpKeepAlive == null ? Boolean.TRUE : tcpKeepAlive;
    }

    /** Refuses settings the hub must not start with; the message names the setting to change. */
    public DatabaseLinkProperties validated() {
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalStateException("hub.database.ssl-mode '" + sslMode + "' is not one of " + SSL_MODES);
        }
        if (requireVerifyFull && !"verify-full".equals(sslMode)) {
            throw new IllegalStateException("hub.database.ssl-mode is '" + sslMode + "' but this profile requires "
                    + "verify-full (the server's certificate checked against hub.database.ssl-root-cert, and its host "
                    + "name): set DB_SSL_MODE=verify-full and DB_SSL_ROOT_CERT, or, only on a network you trust, "
                    + "DB_SSL_REQUIRE_VERIFY_FULL=false");
        }
        for (Map.Entry<String, Duration> d : Map.of("connect-timeout", connectTimeout, "socket-timeout", socketTimeout,
                "statement-timeout", statementTimeout, "kpi-statement-timeout", kpiStatementTimeout).entrySet()) {
            if (d.getValue().isNegative()) {
                throw new IllegalStateException("hub.database." + d.getKey() + " must not be negative");
            }
        }
        if (!socketTimeout.isZero() && !statementTimeout.isZero() && socketTimeout.compareTo(statementTimeout) <= 0) {
            throw new IllegalStateException("hub.database.socket-timeout (" + socketTimeout + ") must exceed "
                    + "hub.database.statement-timeout (" + statementTimeout + "): the server should cancel a long "
                    + "statement before the client gives the connection up");
        }
        return this;
    }

    /** pgjdbc connection properties for a link: SSL, timeouts, keep-alive; statement_timeout only if asked. */
    public Map<String, String> driverProperties(boolean withStatementTimeout) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sslmode", sslMode);
        if (!sslRootCert.isEmpty()) {
            p.put("sslrootcert", sslRootCert);
        }
        p.put("connectTimeout", Long.toString(seconds(connectTimeout)));
        p.put("socketTimeout", Long.toString(seconds(socketTimeout)));
        p.put("tcpKeepAlive", tcpKeepAlive.toString());
        if (withStatementTimeout && !statementTimeout.isZero()) {
            p.put("options", "-c statement_timeout=" + statementTimeout.toMillis());
        }
        return p;
    }

    /** A JDBC URL with these properties added (the URL's own settings win). */
    public String jdbcUrl(String url, boolean withStatementTimeout) {
        StringBuilder out = new StringBuilder(url);
        char separator = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : driverProperties(withStatementTimeout).entrySet()) {
            if (url.contains("?" + p.getKey() + "=") || url.contains("&" + p.getKey() + "=")) {
                continue;
            }
            out.append(separator).append(p.getKey()).append('=')
                    .append(java.net.URLEncoder.encode(p.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20"));
            separator = '&';
        }
        return out.toString();
    }

    /** pgjdbc takes whole seconds; a positive duration under a second counts as one. */
    private static long seconds(Duration d) {
        return d.isZero() ? 0 : Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
