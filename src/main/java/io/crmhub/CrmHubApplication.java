package io.crmhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmHubApplication {

    static final String CXF_FORCE_URL_CONNECTION = "org.apache.cxf.transport.http.forceURLConnection";

    static {
        // CXF's default client conduit (JDK HttpClient behind a pipe) can block for ever writing a request when
        // the server answers early or stalls (CXF-8926); the URLConnection conduit honours connect and receive
        // timeouts, and a hub must never hang on one SOAP call. Read once, when CXF's transport loads.
        if (System.getProperty(CXF_FORCE_URL_CONNECTION) == null) {
            System.setProperty(CXF_FORCE_URL_CONNECTION, "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(CrmHubApplication.class, args);
    }
}
