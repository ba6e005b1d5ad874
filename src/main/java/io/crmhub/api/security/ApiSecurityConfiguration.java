package io.crmhub.api.security;

import io.crmhub.partner.PartnerProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API port: partners authenticate with an API key ({@code X-API-Key}), each path needs a scope
 * ({@link ScopeRules}), every partner has a rate limit and every body a size limit. Stateless: no session, no
 * cookie, hence no CSRF. The OpenAPI document and the WSDL are public: they are the contract, not data.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, PartnerCredentials credentials, PartnerProperties properties)
            throws Exception {
        RequestMatcher contracts = request -> HttpMethod.GET.matches(request.getMethod())
                && ("/api/v1/openapi.yaml".equals(request.getRequestURI())
                || request.getRequestURI().startsWith("/soap/") && isWsdlQuery(request.getQueryString()));
        http.securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/soap/**")))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(new RequestSizeFilter(properties.maxRequestBytes()), HeaderWriterFilter.class)
                .addFilterBefore(new ApiKeyFilter(credentials), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(new RateLimiter(properties, System::nanoTime)),
                        ApiKeyFilter.class)
                .addFilterAfter(new ControlCharacterFilter(), RateLimitFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> unauthenticated(req, res))
                        .accessDeniedHandler((req, res, ex) -> forbidden(req, res)))
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(contracts).permitAll();
                    ScopeRules.RULES.forEach(rule -> rules.requestMatchers(rule.matcher())
                            .hasAuthority(Scopes.authority(rule.scope())));
                    rules.anyRequest().authenticated();
                });
        return http.build();
    }

    private static boolean isWsdlQuery(String query) {
        return query != null && (query.equalsIgnoreCase("wsdl")
                || query.toLowerCase(java.util.Locale.ROOT).startsWith("xsd="));
    }

    private static void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyFilter.HEADER + "\"");
        ApiErrors.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated",
                "this API needs a partner API key in the " + ApiKeyFilter.HEADER + " header");
    }

    private static void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String who = auth == null ? "this caller" : "partner " + auth.getName();
        String detail = ScopeRules.of(request).map(rule -> who + " lacks scope " + rule.scope() + ", needed for "
                + rule.description()).orElse(who + " may not call " + request.getMethod() + " "
                + request.getRequestURI());
        ApiErrors.write(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", detail);
    }
}
