package io.crmhub.connector.debezium;

import java.util.Properties;
import org.apache.camel.component.debezium.DebeziumEndpoint;

/**
 * What a {@link GracefulDebeziumConsumer} runs: the full configuration of one Debezium engine, asked for again at every
 * (re)start. Either a Camel Debezium endpoint ({@code graceful-debezium:debezium-postgres:erp}) or a source the hub
 * configures itself ({@code graceful-debezium:source:<name>}, see {@link GracefulDebeziumComponent#register}).
 *
 * @param name             shown in logs: the endpoint URI or the source's name, never a connection detail
 * @param engineProperties the engine's configuration (connector, connection, offset store, schema history …)
 */
public record EngineSource(String name, java.util.function.Supplier<Properties> engineProperties) {

    static EngineSource of(DebeziumEndpoint<?> debezium) {
        return new EngineSource(debezium.getEndpointBaseUri(),
                () -> debezium.getConfiguration().createDebeziumConfiguration().asProperties());
    }
}
