package io.crmhub.api.security;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An encoded {@code /} or {@code \} in a path (a partner key such as {@code a%2Fb}) is refused by Tomcat itself, with
 * its HTML 400 page and no reason, before any filter of the hub runs (found by the fuzz campaign,
 * docs/reliability.md). Passed through undecoded instead, such a URL reaches Spring Security's firewall, which refuses
 * it like every other suspicious URL: 400 problem+json {@code rejected-url} with the firewall's reason
 * ({@link ApiSecurityConfiguration}). Nothing gets through that was refused before: only who says no changes. What
 * Tomcat still refuses itself (an encoded NUL) is answered by {@link ProblemErrorReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSeparatorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSeparatorsReachTheFirewall() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
                connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            });
            // what Tomcat still refuses itself (%00 …) gets a problem too: the host's error report valve
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        };
    }
}
