package io.crmhub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.SourceHeaders;
import io.crmhub.mapping.MappingException;
import io.crmhub.ops.deadletter.DeadLetterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error configurations of {@code routes/hub-error-handling.camel.yaml} other than {@code hub-errors} (which
 * {@link CanonicalPublishRouteTest} covers), each on a real route that uses it: a batch the store could not apply is
 * retried and never dead-lettered ({@code hub-batch-errors}); the dead-letter route retries and never dead-letters
 * itself ({@code hub-dead-letter-errors}); a timer round that fails is given up until the next tick
 * ({@code hub-poller-errors}). The steps' beans are small fakes that fail a given number of times.
 */
class ErrorConfigurationsRouteTest extends RouteTestSupport {

    private final FailingStep storeBatch = new FailingStep();
    private final FailingStep gauges = new FailingStep();
    private String storeUri;
    private MockEndpoint deadLetterTopic;
    private MockEndpoint deadLetterTable;

    /** A route step that throws {@link #failing} more times, then succeeds; counts its calls. */
    public static final class FailingStep {
        final AtomicInteger calls = new AtomicInteger();
        volatile int failing;
        volatile Exception failure;

        public void apply(Exchange exchange) throws Exception {
            step();
        }

        public void refresh() throws Exception {
            step();
        }

        private void step() throws Exception {
            calls.incrementAndGet();
            if (failing > 0) {
                failing--;
                throw failure;
            }
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("canonicalStoreBatch", storeBatch);
        registry.bind("opsGauges", gauges);
        registry.bind("deadLetters", new DeadLetterService(new SimpleMeterRegistry()));
    }

    @BeforeEach
    void adviseRoutes() throws Exception {
        loadRoutes("hub-error-handling", "hub-dead-letter", "canonical-store-apply", "ops-gauges-refresh");
        storeUri = context.resolvePropertyPlaceholders(route("canonical-store-apply").getInput().getEndpointUri());
        AdviceWith.adviceWith(context, "canonical-store-apply", a -> a.replaceFromWith("direct:store-batch"));
        AdviceWith.adviceWith(context, "ops-gauges-refresh", a -> a.replaceFromWith("direct:gauges-tick"));
        AdviceWith.adviceWith(context, "hub-dead-letter", a -> {
            a.weaveByToUri("kafka:*").replace().to("mock:dead-letter-topic");
            a.weaveByToUri("jdbc:*").replace().to("mock:dead-letter-table");
        });
        context.start();
        deadLetterTopic = getMockEndpoint("mock:dead-letter-topic");
        deadLetterTable = getMockEndpoint("mock:dead-letter-table");
    }

    @Test
    void theStoreConsumerCommitsItsOffsetsItselfAndUsesTheBatchConfiguration() throws Exception {
        Map<String, Object> options = query(storeUri);

        // a poll per exchange, offsets committed by the consumer only after the route finished the batch
        assertThat(storeUri).startsWith("kafka-batch:");
        assertThat(options).containsEntry("groupId", config("hub.kafka.store-group"))
                .containsEntry("maxPollRecords", config("hub.kafka.store-batch-size"))
                .containsEntry("pollTimeoutMs", config("hub.kafka.store-batch-wait-ms"));
        assertThat(storeUri).contains(config("hub.kafka.topics.customer"), config("hub.kafka.topics.shipment"));
        assertThat(route("canonical-store-apply").getRouteConfigurationId()).isEqualTo("hub-batch-errors");
    }

    @Test
    void aBatchTheStoreCouldNotApplyIsRetriedUntilItIsAppliedAndNeverDeadLettered() {
        storeBatch.failing = 5;
        // even an exception hub-errors would dead-letter at once: the step already dead-lettered the bad records
        storeBatch.failure = new MappingException("customer.name", "a whole batch failing");

        Exchange done = template.send("direct:store-batch", e -> e.getMessage().setBody(List.of("a", "b")));

        assertThat(done.getException()).isNull();
        assertThat(storeBatch.calls).hasValue(6);
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
    }

    @Test
    void theDeadLetterRouteRetriesAFailingStoreAndNeverDeadLettersItself() throws Exception {
        deadLetterTable.expectedMessageCount(4);
        for (int i = 1; i <= 3; i++) {
            deadLetterTable.whenExchangeReceived(i, e -> {
                throw new IllegalStateException("the dead_letter table is locked");
            });
        }

        Exchange done = template.send("direct:dead-letter", e -> {
            e.setProperty(Exchange.EXCEPTION_CAUGHT, new MappingException("customer.name", "name is required"));
            e.setProperty(Exchange.FAILURE_ROUTE_ID, "canonical-publish");
            e.getMessage().setHeader(SourceHeaders.SOURCE_REF, new SourceRef("erp", "customers", "1002", "0/1002", 1));
            e.getMessage().setBody("{\"customer_no\":\"C0013\"}");
        });

        assertThat(done.getException()).isNull();
        deadLetterTable.assertIsSatisfied();
        // retried at the failing step: published once, stored at the fourth attempt, never sent round again
        assertThat(deadLetterTopic.getReceivedCounter()).isEqualTo(1);
        assertThat(deadLetterTable.getReceivedExchanges().get(3).getMessage().getHeader("dlReason"))
                .isEqualTo("customer.name: name is required");
        assertThat(done.getProperty(DeadLetterService.PROPERTY)).isNotNull();
    }

    @Test
    void aFailedTimerRoundIsGivenUpWithoutRedeliveryAndTheNextTickRunsAgain() {
        gauges.failing = 1;
        gauges.failure = new IllegalStateException("store away");

        Exchange first = template.send("direct:gauges-tick", e -> { });
        Exchange second = template.send("direct:gauges-tick", e -> { });

        assertThat(first.getException()).isNull();
        assertThat(second.getException()).isNull();
        assertThat(gauges.calls).hasValue(2);
        assertThat(deadLetterTopic.getReceivedCounter()).isZero();
        assertThat(route("ops-gauges-refresh").getRouteConfigurationId()).isEqualTo("hub-poller-errors");
    }
}
