package io.crmhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(CrmHubApplication.class, args);
    }
}
