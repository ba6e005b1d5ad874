package io.crmhub.api.security;

import io.hawt.web.auth.AuthenticationConfiguration;
import io.hawt.web.auth.AuthenticationContainerDiscovery;
import io.hawt.web.auth.RolePrincipal;
import io.hawt.web.auth.UserPrincipal;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hawtio's login is the management port's: Spring Security has already checked the operator's HTTP Basic login
 * (ManagementSecurityConfiguration) when Hawtio's own authentication filter asks JAAS, so this JAAS module takes that
 * authenticated user and its roles ({@code spring.security.user.roles}; authority {@code ROLE_admin} is role
 * {@code admin}, matched against {@code hawtio.roles}). Hawtio 5.2.0 means to do the same when Spring Security is
 * present, but its bridge class ({@code io.hawt.springboot.security.HawtioSpringSecurityLoginModule}) is missing from
 * its jar, so every operator was refused (403). Named in {@code hawtio.authenticationContainerDiscoveryClasses}.
 */
public class HawtioSpringSecurityLogin implements AuthenticationContainerDiscovery {

    @Override
    public String getContainerName() {
        return "crm-hub management port (Spring Security)";
    }

    @Override
    public boolean registerContainerAuthentication(AuthenticationConfiguration configuration) {
        configuration.addConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(SpringSecurityLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
        });
        configuration.addUserPrincipalClassName(UserPrincipal.class.getName());
        configuration.addRolePrincipalClassName(RolePrincipal.class.getName());
        return true;
    }

    /** The user Spring Security authenticated for this request, with its roles; no user, no login. */
    public static final class SpringSecurityLoginModule implements LoginModule {

        private Subject subject;
        private final List<Principal> principals = new ArrayList<>();

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                Map<String, ?> options) {
            this.subject = subject;
        }

        @Override
        public boolean login() throws LoginException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
                    || "anonymousUser".equals(authentication.getName())) {
                throw new LoginException("no operator login on this request");
            }
            principals.add(new UserPrincipal(authentication.getName()));
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String role = authority.getAuthority();
                if (role != null) {
                    principals.add(new RolePrincipal(role.startsWith("ROLE_") ? role.substring(5) : role));
                }
            }
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().addAll(principals);
            return true;
        }

        @Override
        public boolean abort() {
            principals.clear();
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().removeAll(principals);
            principals.clear();
            return true;
        }
    }
}
