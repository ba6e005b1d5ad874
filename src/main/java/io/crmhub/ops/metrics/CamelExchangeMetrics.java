package io.crmhub.ops.metrics;

import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps Camel's Micrometer exchange notifier ({@code camel.metrics.enable-exchange-event-notifier}) to the calls of
 * endpoints ({@code camel_exchange_event_notifier_seconds{eventType="ExchangeSentEvent"}}: the time of each
 * {@code kafka:}, {@code direct:}, {@code jdbc:} call). Its created/completed/failed handling ran for every exchange,
 * every change a split hands out included, and searched the whole meter registry each time (camel-micrometer 4.17
 * looks up its last-exchange gauge by name per completed exchange): a fifth of the publishing thread's CPU in the shop
 * benchmark, ~18 % of the CDC capture thread's at 1,000 changes/s. Per-route counts and times stay with the route
 * policy ({@code camel_exchanges_*}, {@code camel_route_policy_seconds}).
 */
@Configuration(proxyBeanMethods = false)
public class CamelExchangeMetrics {

    @Bean
    CamelContextConfiguration endpointCallsOnly() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                for (EventNotifier notifier : camel.getManagementStrategy().getEventNotifiers()) {
                    if (notifier instanceof MicrometerExchangeEventNotifier micrometer) {
                        micrometer.setIgnoreExchangeCreatedEvent(true);
                        micrometer.setIgnoreExchangeCompletedEvent(true);
                        micrometer.setIgnoreExchangeFailedEvents(true);
                    }
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }
}
