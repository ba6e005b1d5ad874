package io.crmhub.ops.backfill.database;

import io.crmhub.connector.database.DatabaseSource;
import io.crmhub.connector.database.DatabaseSourcesProperties;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One {@link DatabaseBackfillSource} bean per configured database source, so {@code --hub.backfill.source=<name>}
 * finds it like the fixed sources. A source named {@code erp} is left to the PostgreSQL ERP's backfill, which owns
 * that name (the {@code mariadb} demo profile): backfill names must be unique.
 */
@Component
class DatabaseBackfillSources implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        DatabaseSourcesProperties sources = Binder.get(environment).bind("hub.connectors",
                DatabaseSourcesProperties.class).orElse(new DatabaseSourcesProperties(null));
        for (DatabaseSource source : sources.databases()) {
            if (!"erp".equals(source.name())) {
                RootBeanDefinition bean = new RootBeanDefinition(DatabaseBackfillSource.class,
                        () -> new DatabaseBackfillSource(source));
                registry.registerBeanDefinition("databaseBackfillSource-" + source.name(), bean);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // beans are registered above
    }
}
