package io.crmhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MappingConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MappingConfiguration.class);

    @Test
    void defaultLocationsGiveAnEngineWithTheErpMappings() {
        context.run(ctx -> assertThat(ctx.getBean("mappingEngine", MappingEngine.class).sources())
                .contains("erp/customers", "erp/payment_receipts"));
    }

    @Test
    void aBrokenMappingStopsStartUp() {
        context.withPropertyValues("hub.mapping.locations=classpath*:bad-mappings/unknown-transform/*.yaml")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("unknown transform 'phnoe'"));
    }
}
