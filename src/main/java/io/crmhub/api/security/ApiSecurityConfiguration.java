package io.crmhub.api.security;

import io.crmhub.partner.PartnerProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
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
                // nothing here asks the servlet request for its user or roles: no wrapper per request
                .servletApi(AbstractHttpConfigurer::disable)
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

    /**
     * No observation (timer, span) around each security filter and each authorisation decision: at thousands of
     * requests per second on two cores they cost more than the API's own work. Requests stay observed as
     * {@code http.server.requests} (status 401/403/429 included), refusals are logged.
     */
    /**
     * A URL Spring Security's firewall refuses (a {@code ;}, an encoded {@code %} or line separator in a partner's
     * key …) gets the same problem+json (SOAP fault on {@code /soap}) as every other refusal, with the firewall's
     * reason, instead of Boot's default error body without one (found by the fuzz campaign, docs/reliability.md).
     */
    @Bean
    static org.springframework.security.web.firewall.RequestRejectedHandler firewallRefusalsWithAReason() {
        return (request, response, e) -> ApiErrors.write(request, response, HttpServletResponse.SC_BAD_REQUEST,
                "rejected-url", "the request URL was refused: " + e.getMessage());
    }

    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false)
                .shouldObserveAuthorizations(false).build();
    }

    /**
     * With Spring MVC present, Spring Security registers its filter chain wrapped in a composite whose first filter has
     * Spring MVC look up the handler of every request (HandlerMappingIntrospector's cache filter), for
     * MvcRequestMatcher and CORS decisions to reuse. These chains match paths with PathPatternRequestMatcher and
     * configure no CORS, so nothing reads that result: the lookup (every request mapping tried against the path) was
     * about 15 % of a partner read's CPU. After every bean-definition post-processor ran (Spring Security's among them),
     * this registers the wrapped FilterChainProxy itself as {@code springSecurityFilterChain}; if Spring Security ever
     * wraps differently, it changes nothing (and PartnerApiIT says so).
     */
    @Bean
    static BeanFactoryPostProcessor securityFilterChainWithoutMvcLookup() {
        return beanFactory -> {
            String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
            if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(name)) {
                return;
            }
            BeanDefinition composite = registry.getBeanDefinition(name);
            ValueHolder filters = composite.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
            if (composite.getBeanClassName() != null && composite.getBeanClassName().endsWith(
                    "WebMvcSecurityConfiguration$CompositeFilterChainProxy") && filters != null
                    && filters.getValue() instanceof List<?> list && list.size() == 2
                    && list.get(1) instanceof BeanDefinition chain) {
                registry.removeBeanDefinition(name);
                registry.registerBeanDefinition(name, chain);
            }
        };
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
