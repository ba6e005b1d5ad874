package io.crmhub.ops.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Leader election for the singleton routes. The cluster service itself comes from Camel's starters, chosen by
 * profile: {@code camel.cluster.kubernetes.*} (Leases) with the {@code k8s} profile, {@code camel.cluster.file.*}
 * (a lock file in a folder all instances share) otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class LeadershipConfiguration {

    @Bean
    HubHealth hubHealth(HealthEndpoint endpoint) {
        return new HubHealth(endpoint);
    }

    @Bean
    LeadershipGuard leadershipGuard(CamelContext camel, LeadershipProperties properties,
            ApplicationAvailability availability, HubHealth hubHealth, MeterRegistry registry) {
        return new LeadershipGuard(camel, properties, availability, hubHealth, registry);
    }
}
