package io.crmhub.api.security;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The management port: probes, info and Prometheus stay open (kubelet and the scraper carry no credentials,
 * and none of them shows personal data); everything else — Hawtio, Jolokia, metrics, Camel routes — needs an
 * operator's login (HTTP Basic, {@code spring.security.user.*}, e.g. SPRING_SECURITY_USER_NAME/PASSWORD),
 * except where {@code hub.management.authentication=false} (the local profile). Partner API keys do not
 * open the management port. In every profile, Jolokia (and Hawtio through it) may read and list but not write, and
 * exec only what {@code jolokia-access.xml} leaves (no Camel send/request, JVM diagnostics or logging changes);
 * cross-site requests are refused by {@link ManagementOriginFilter}.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain managementSecurity(HttpSecurity http,
            @Value("${hub.management.authentication:true}") boolean authentication,
            @Value("${hub.management.allowed-origins:}") List<String> allowedOrigins) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                // Hawtio's page posts to Jolokia without a Spring CSRF token: cross-site requests are refused by their
                // Origin instead (ManagementOriginFilter); what Jolokia may do is limited by jolokia-access.xml
                .csrf(AbstractHttpConfigurer::disable)
                .addFilterBefore(new ManagementOriginFilter(allowedOrigins), BasicAuthenticationFilter.class)
                .httpBasic(Customizer.withDefaults())
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll();
                    if (authentication) {
                        rules.anyRequest().authenticated();
                    } else {
                        rules.anyRequest().permitAll();
                    }
                });
        return http.build();
    }
}
