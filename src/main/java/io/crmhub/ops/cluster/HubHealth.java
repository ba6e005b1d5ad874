package io.crmhub.ops.cluster;

import java.util.List;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/** The hub's own view of named actuator health components (e.g. {@code db}, the CRM store holding the offsets). */
public class HubHealth {

    private final HealthEndpoint endpoint;

    public HubHealth(HealthEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** True when every named component reports UP; an unknown name counts as not UP, so a typo is noticed. */
    public boolean allUp(List<String> components) {
        for (String name : components) {
            HealthComponent c = endpoint.healthForPath(name.split("/"));
            if (c == null || !Status.UP.equals(c.getStatus())) {
                return false;
            }
        }
        return true;
    }
}
