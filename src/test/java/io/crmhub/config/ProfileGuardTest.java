package io.crmhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.CrmHubApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.StandardEnvironment;

/** A bare start (no profile) is refused before anything runs; a named profile passes. */
class ProfileGuardTest {

    @Test
    void theApplicationWithoutAProfileRefusesToStart() {
        // the real application and its application.yaml: no default profile, so no demo keys and no open management
        assertThatThrownBy(() -> new SpringApplicationBuilder(CrmHubApplication.class)
                .web(WebApplicationType.NONE).run("--hub.embedded.enabled=true"))
                .isInstanceOf(IllegalStateException.class).hasMessage(ProfileGuard.MESSAGE);
    }

    @Test
    void aNamedProfilePasses() {
        for (String profile : new String[] {"local", "prod", "test"}) {
            StandardEnvironment environment = new StandardEnvironment();
            environment.setActiveProfiles(profile);
            new ProfileGuard().postProcessEnvironment(environment, null);
            assertThat(environment.getActiveProfiles()).containsExactly(profile);
        }
        StandardEnvironment none = new StandardEnvironment();
        assertThatThrownBy(() -> new ProfileGuard().postProcessEnvironment(none, null))
                .hasMessageContaining("--spring.profiles.active=local");
    }
}
