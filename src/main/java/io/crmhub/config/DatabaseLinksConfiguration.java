package io.crmhub.config;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Applies {@code hub.database.*} ({@link DatabaseLinkProperties}) to the CRM store's pool: SSL mode and root
 * certificate, connect and socket timeouts, keep-alive and the server-side {@code statement_timeout}. The settings
 * are checked when the application starts: the prod profile refuses anything below {@code verify-full} unless
 * {@code hub.database.require-verify-full=false}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseLinksConfiguration {

    @Bean
    static BeanPostProcessor crmStoreDatabaseLink(Environment environment) {
        // bound here, not injected: a BeanPostProcessor is created before the configuration-properties beans
        DatabaseLinkProperties links = Binder.get(environment).bind("hub.database", DatabaseLinkProperties.class)
                .orElseGet(() -> new DatabaseLinkProperties(null, null, false, null, null, null, null, null))
                .validated();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    links.driverProperties(true).forEach((key, value) -> {
                        if (!pool.getDataSourceProperties().containsKey(key)) {
                            pool.addDataSourceProperty(key, value);
                        }
                    });
                }
                return bean;
            }
        };
    }

    /**
     * Migrations may fill aggregates over a whole store (V13 rebuilds the KPI tables: minutes at 10 M facts), so
     * Flyway's connections lift the store's statement_timeout ({@code spring.flyway.init-sqls}). Those connections go
     * back to the pool afterwards: they are evicted, and the pool opens new ones bounded like every other.
     */
    @Bean
    FlywayMigrationStrategy unboundedMigrations(DataSource dataSource) {
        return flyway -> {
            flyway.migrate();
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
                    if (pool.getHikariPoolMXBean() != null) {
                        pool.getHikariPoolMXBean().softEvictConnections();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not renew the store's connections after the migrations", e);
            }
        };
    }
}
