package io.crmhub.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole hub against the real embedded PostgreSQL and Kafka. The context is closed after each class
 * because two live hubs would compete for the one ERP replication slot. JMX stays on (Hawtio/Jolokia
 * read the Camel MBeans), which is why this is not a {@code @CamelSpringBootTest}: that one turns JMX off
 * unless {@code @DisableJmx(false)} sits directly on the test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"local", "test"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface HubIntegrationTest {}
