package io.crmhub.api;

import io.crmhub.partner.GoldenCustomers;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link CustomerReadFilter} on the API port, behind Spring Security's filter chain. */
@Configuration(proxyBeanMethods = false)
class CustomerReadConfiguration {

    @Bean
    FilterRegistrationBean<CustomerReadFilter> customerReadFilter(GoldenCustomers golden) {
        FilterRegistrationBean<CustomerReadFilter> registration =
                new FilterRegistrationBean<>(new CustomerReadFilter(golden));
        registration.addUrlPatterns("/api/v1/customers/*");
        // after the security filters (authenticated, rate limited, scope checked), before the DispatcherServlet
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
