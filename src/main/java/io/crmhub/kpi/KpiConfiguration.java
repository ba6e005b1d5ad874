package io.crmhub.kpi;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code hub.kpi.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KpiProperties.class)
class KpiConfiguration {}
