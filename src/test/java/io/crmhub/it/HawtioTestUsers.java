package io.crmhub.it;

import io.hawt.web.auth.AuthenticationConfiguration;
import io.hawt.web.auth.AuthenticationContainerDiscovery;
import io.hawt.web.auth.RolePrincipal;
import io.hawt.web.tomcat.TomcatLoginContextConfiguration;
import io.hawt.web.tomcat.TomcatPrincipal;
import java.nio.file.Path;

/**
 * Hawtio's login for {@link HawtioBrowserIT}: the operators of a Tomcat users file, checked by Hawtio's own JAAS
 * module. Named in {@code hawtio.authenticationContainerDiscoveryClasses}; unlike Hawtio's Tomcat discovery it does
 * not depend on Tomcat's MBeans, which Spring Boot turns off JVM-wide once any context disabled them.
 */
public class HawtioTestUsers implements AuthenticationContainerDiscovery {

    static final Path USERS = Path.of("src/test/resources/hawtio/tomcat-users.xml");

    @Override
    public String getContainerName() {
        return "crm-hub test operators (" + USERS + ")";
    }

    @Override
    public boolean registerContainerAuthentication(AuthenticationConfiguration configuration) {
        configuration.addConfiguration(new TomcatLoginContextConfiguration("NONE",
                USERS.toAbsolutePath().toString()));
        configuration.addUserPrincipalClassName(TomcatPrincipal.class.getName());
        configuration.addRolePrincipalClassName(RolePrincipal.class.getName());
        return true;
    }
}
