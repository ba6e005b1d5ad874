package io.crmhub.routes;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.PublishProperties;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.util.URISupport;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/**
 * Route tests without the hub: a plain Camel context loads the real YAML files of {@code routes/} (the same files the
 * hub loads), with the real {@code application.yaml} as placeholder values, so a changed route, error configuration or
 * default shows here. Tests advise the routes by id (endpoints to {@code mock:}) before the context starts.
 */
abstract class RouteTestSupport extends CamelTestSupport {

    /** {@code application.yaml} flattened ({@code hub.kafka.topics.customer} …), with a back-off of milliseconds. */
    static final Properties CONFIG = config();

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        test.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration camel) {
        super.configureContext(camel);
        camel.withUseOverridePropertiesWithPropertiesComponent(properties());
    }

    /** The placeholder values of this test class: {@link #CONFIG} unless a test needs some of its own. */
    Properties properties() {
        return CONFIG;
    }

    private static Properties config() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("src/main/resources/application.yaml"));
        Properties p = yaml.getObject();
        // the policy (which faults, how many retries, exponential or not) stays as configured; only the waits shrink
        p.setProperty("hub.errors.retry-initial-delay-ms", "1");
        p.setProperty("hub.errors.retry-max-delay-ms", "4");
        return p;
    }

    static String config(String key) {
        String value = CONFIG.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("application.yaml has no " + key);
        }
        return value;
    }

    static HubKafkaProperties kafkaProperties() {
        String t = "hub.kafka.topics.";
        return new HubKafkaProperties("localhost:9092", false, 1, (short) 1, "store", 1, 500, 100,
                new HubKafkaProperties.Topics(config(t + "customer"), config(t + "order"), config(t + "order-line"),
                        config(t + "payment"), config(t + "interaction"), config(t + "shipment"),
                        config(t + "dead-letter"), config(t + "identity")),
                null);
    }

    static PublishProperties publishProperties() {
        return new PublishProperties(Integer.parseInt(config("hub.publish.chunk-size")),
                Integer.parseInt(config("hub.publish.linger-ms")), Integer.parseInt(config("hub.publish.batch-bytes")),
                Integer.parseInt(config("hub.publish.max-event-bytes")));
    }

    /** Loads route files of {@code routes/} by name (file stem = route id), error configurations first. */
    void loadRoutes(String... stems) throws Exception {
        for (String stem : stems) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "file:routes/" + stem + ".camel.yaml"));
        }
    }

    RouteDefinition route(String id) {
        RouteDefinition route = ((ModelCamelContext) context).getRouteDefinition(id);
        if (route == null) {
            throw new IllegalStateException("no route " + id);
        }
        return route;
    }

    /** The endpoint a route sends to whose URI starts with {@code scheme:}, placeholders resolved. */
    String toUri(String routeId, String scheme) {
        Collection<ToDefinition> tos = ProcessorDefinitionHelper.filterTypeInOutputs(route(routeId).getOutputs(),
                ToDefinition.class);
        return tos.stream().map(ToDefinition::getUri).filter(u -> u.startsWith(scheme + ":"))
                .map(context::resolvePropertyPlaceholders).findFirst()
                .orElseThrow(() -> new IllegalStateException(routeId + " sends to no " + scheme + ": endpoint"));
    }

    static Map<String, Object> query(String uri) throws Exception {
        int q = uri.indexOf('?');
        return q < 0 ? Map.of() : URISupport.parseQuery(uri.substring(q + 1));
    }
}
