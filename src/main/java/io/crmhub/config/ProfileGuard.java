package io.crmhub.config;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A hub started without a profile (a bare {@code java -jar}) stops at once: it would otherwise run on the shared
 * defaults, and the demo conveniences (embedded stores, demo partner keys, management without login) belong to the
 * {@code local} profile only, which must be named ({@code mvn spring-boot:run} names it: pom.xml). Production names
 * {@code prod} (and {@code k8s}); tests name {@code test} (with {@code local} where they want the demo stack).
 */
public class ProfileGuard implements EnvironmentPostProcessor, Ordered {

    static final String MESSAGE = "crm-hub needs a profile: --spring.profiles.active=prod (production: every address "
            + "and secret from the environment, docs/security.md) or --spring.profiles.active=local (a demo on this "
            + "machine: embedded stores, demo partner keys, management without login; mvn spring-boot:run sets it)";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getActiveProfiles().length == 0
                || Arrays.stream(environment.getActiveProfiles()).allMatch("default"::equals)) {
            throw new IllegalStateException(MESSAGE);
        }
    }

    @Override
    public int getOrder() {
        // after the config data (spring.profiles.active from application*.yaml, the environment, the command line)
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
