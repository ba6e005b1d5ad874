package io.crmhub.ops.backfill;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Backfill mode ({@code hub.backfill.source} set): the process is a hub without its live source connectors, so it
 * neither competes with the running hub for the CDC slot or the OA/shop leadership nor reads live changes twice.
 * The store consumer, dead-letter route and APIs stay as configured. Command-line arguments still win. The database
 * sources of {@code hub.connectors.databases} get no capture route in this mode either (DatabaseCdcConfiguration).
 */
public class BackfillModeEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "crm-hub-backfill-mode";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String source = env.getProperty("hub.backfill.source");
        if (source == null || source.isBlank()) {
            return;
        }
        MapPropertySource mode = new MapPropertySource(SOURCE_NAME, Map.of(
                "hub.connectors.erp.enabled", "false",
                "hub.connectors.oa.enabled", "false",
                "hub.connectors.shop.enabled", "false",
                "hub.connectors.scm.enabled", "false"));
        MutablePropertySources sources = env.getPropertySources();
        if (sources.contains("commandLineArgs")) {
            sources.addAfter("commandLineArgs", mode);
        } else {
            sources.addFirst(mode);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
