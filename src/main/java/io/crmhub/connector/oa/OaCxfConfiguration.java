package io.crmhub.connector.oa;

import io.crmhub.connector.oa.wsdl.OaChanges;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camel CXF client endpoint {@code cxf:bean:oaService} (POJO mode, generated SEI), bound to the typed
 * settings: address, HTTP Basic credentials, connect and receive timeouts. No detail lives in a URI.
 */
@Configuration(proxyBeanMethods = false)
public class OaCxfConfiguration {

    @Bean("oaService")
    CxfEndpoint oaService(OaConnectorProperties oa, CamelContext camel, ObjectProvider<Bus> bus) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setCamelContext(camel);
        // the application's Bus when there is one (e.g. the CXF servlet's), so interceptors and features agree
        bus.ifAvailable(endpoint::setBus);
        endpoint.setAddress(oa.url());
        endpoint.setServiceClass(OaChanges.class);
        endpoint.setDataFormat(DataFormat.POJO);
        endpoint.setCxfConfigurer(new ClientSettings(oa));
        return endpoint;
    }

    /** Applied to the CXF client when the producer creates it. */
    record ClientSettings(OaConnectorProperties oa) implements CxfConfigurer {

        @Override
        public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
            // nothing at factory level: everything is per HTTP conduit
        }

        @Override
        public void configureClient(Client client) {
            // a character XML 1.0 cannot carry costs its item (dead letter), not the page (XmlIllegalCharacters)
            client.getInInterceptors().add(new XmlIllegalCharacters());
            client.getInFaultInterceptors().add(new XmlIllegalCharacters());
            HTTPConduit conduit = (HTTPConduit) client.getConduit();
            HTTPClientPolicy policy = new HTTPClientPolicy();
            policy.setConnectionTimeout(oa.connectTimeoutMs());
            policy.setReceiveTimeout(oa.receiveTimeoutMs());
            conduit.setClient(policy);
            if (!oa.usesToken()) {
                AuthorizationPolicy basic = new AuthorizationPolicy();
                basic.setUserName(oa.username());
                basic.setPassword(oa.password());
                basic.setAuthorizationType("Basic");
                conduit.setAuthorization(basic);
            }
        }

        @Override
        public void configureServer(Server server) {
            // client only
        }
    }
}
