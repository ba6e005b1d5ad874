package io.crmhub.mapping;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exposes the {@link MappingEngine}. Mapping files are loaded and checked at start-up, so a broken file
 * stops the hub with its name and field instead of dead-lettering every row.
 */
@Configuration(proxyBeanMethods = false)
public class MappingConfiguration {

    /**
     * @param locations {@code hub.mapping.locations}: comma-separated resource patterns of mapping files;
     *                  ops may point it at {@code file:/etc/crm-hub/mappings/**}{@code /*.yaml}
     */
    @Bean
    public MappingEngine mappingEngine(
            @Value("${hub.mapping.locations:" + MappingEngine.DEFAULT_LOCATIONS + "}") String locations) {
        return MappingEngine.load(locations);
    }
}
