package io.crmhub.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The management port: probes, info and Prometheus stay open (kubelet and the scraper carry no credentials,
 * and none of them shows personal data); everything else — Hawtio, Jolokia, metrics, Camel routes — needs an
 * operator's login (HTTP Basic, {@code spring.security.user.*}, e.g. SPRING_SECURITY_USER_NAME/PASSWORD),
 * except where {@code hub.management.authentication=false} (the local profile). Partner API keys do not
 * open the management port.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain managementSecurity(HttpSecurity http,
            @Value("${hub.management.authentication:true}") boolean authentication) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                // Hawtio's page posts to Jolokia without a Spring CSRF token; the port is for operators' networks only
                .csrf(AbstractHttpConfigurer::disable)
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
