package io.crmhub.identity.resolve;

import io.crmhub.identity.golden.Survivorship;
import io.crmhub.identity.match.Blocker;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.normalize.CustomerNormalizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure identity stages, built once from the files under {@code mappings/identity/}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityConfiguration {

    @Bean
    CustomerNormalizer customerNormalizer(IdentityProperties properties) {
        return CustomerNormalizer.fromClasspath(properties.defaultPhoneRegion());
    }

    @Bean
    MatchRules matchRules() {
        return MatchRules.fromClasspath();
    }

    @Bean
    PairMatcher pairMatcher(MatchRules rules) {
        return new PairMatcher(rules);
    }

    @Bean
    Blocker blocker(MatchRules rules) {
        return new Blocker(rules.blocking());
    }

    @Bean
    Survivorship survivorship() {
        return Survivorship.fromClasspath();
    }
}
