package io.crmhub.api.soap;

import io.crmhub.partner.CustomerSearch;
import io.crmhub.partner.GoldenCustomers;
import io.crmhub.partner.PartnerUpserts;
import jakarta.xml.ws.Endpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the CustomerService on the CXF servlet of the API port ({@code cxf.path=/soap}):
 * {@code /soap/v1/customers}, WSDL at {@code /soap/v1/customers?wsdl}. It uses the servlet's Bus, as every CXF
 * endpoint here must: an endpoint on another Bus is not served by the servlet, and {@code ?wsdl} answers 404.
 */
@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    static final String ADDRESS = "/v1/customers";

    @Bean
    Endpoint customerServiceEndpoint(Bus bus, GoldenCustomers golden, CustomerSearch search, PartnerUpserts upserts) {
        EndpointImpl endpoint = new EndpointImpl(bus, new CustomerSoapService(golden, search, upserts));
        endpoint.getOutFaultInterceptors().add(new SoapFaults.StatusInterceptor());
        endpoint.publish(ADDRESS);
        return endpoint;
    }
}
