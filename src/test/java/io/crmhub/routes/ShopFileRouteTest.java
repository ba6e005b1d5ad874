package io.crmhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.CanonicalEventPublisher;
import io.crmhub.connector.shop.ShopConnectorProperties;
import io.crmhub.connector.shop.ShopFileFailures;
import io.crmhub.mapping.MappingEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * {@code routes/shop-files-ingest.camel.yaml} with its error configuration ({@code shop-file-errors}), on a real inbox
 * folder and the route's own file consumer (only the leader election in front of it is left out): a file is published
 * chunk by chunk and moved to {@code done/}; a file that cannot be read is moved to {@code error/} with its reason
 * beside it; a store that is away while a file is claimed is waited for, the file is not failed. The file's reading
 * ({@code shopFiles}) is a fake that fails as told; the publisher's chunking and the failure recorder are the real ones.
 */
class ShopFileRouteTest extends RouteTestSupport {

    @TempDir
    static Path inbox;

    private final FakeShopFiles shopFiles = new FakeShopFiles();

    /** Opens a file as {@link #rows} changes, after throwing what {@link #failures} holds; counts its calls. */
    public static final class FakeShopFiles {
        final Deque<Exception> failures = new ArrayDeque<>();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile int rows = 3;

        public void open(Exchange exchange) throws Exception {
            opened.incrementAndGet();
            Exception failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            exchange.getMessage().setBody(IntStream.range(0, rows).mapToObj(i -> "row " + i).iterator());
        }

        public void finish(Exchange exchange) {
            finished.incrementAndGet();
        }
    }

    @Override
    Properties properties() {
        Properties p = new Properties();
        p.putAll(CONFIG);
        p.setProperty("hub.connectors.shop.enabled", "true");
        p.setProperty("hub.connectors.shop.inbox", inbox.toString());
        p.setProperty("hub.connectors.shop.min-file-age-ms", "0");
        p.setProperty("hub.connectors.shop.poll-delay-ms", "50");
        p.setProperty("hub.publish.chunk-size", "2");
        return p;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        registry.bind("shopFiles", shopFiles);
        registry.bind("canonicalPublisher", new CanonicalEventPublisher(MappingEngine.load(), kafkaProperties(),
                new io.crmhub.connector.PublishProperties(2, 5, 262144, 1_000_000), meters));
        registry.bind("shopFileFailures", new ShopFileFailures(new ShopConnectorProperties(true, inbox.toString(), 0,
                50, ZoneId.of("Asia/Shanghai"), 65536)));
    }

    @BeforeEach
    void adviseRoute() throws Exception {
        loadRoutes("hub-error-handling", "shop-file-errors", "shop-files-ingest");
        String leaderOnly = "master:shop-files-ingest:";
        String uri = context.resolvePropertyPlaceholders(route("shop-files-ingest").getInput().getEndpointUri());
        assertThat(uri).as("only the leader reads the inbox").startsWith(leaderOnly + "file:" + inbox);
        AdviceWith.adviceWith(context, "shop-files-ingest", a -> {
            a.replaceFromWith(uri.substring(leaderOnly.length()));
            a.weaveByToUri("direct:canonical-publish").replace().to("mock:publish");
        });
        context.start();
    }

    @Test
    void aFileIsPublishedChunkByChunkThenMovedToDone() throws Exception {
        MockEndpoint publish = getMockEndpoint("mock:publish");
        publish.expectedMessageCount(2);

        drop("orders-20240604T130000.csv");

        taken("orders-20240604T130000.csv");
        assertThat(inbox.resolve("done/orders-20240604T130000.csv")).exists();
        publish.assertIsSatisfied();
        // hub.publish.chunk-size (2 here) changes per batch, in file order, each batch acknowledged before the next
        assertThat(publish.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(List.class))
                .containsExactly(List.of("row 0", "row 1"), List.of("row 2"));
        assertThat(shopFiles.finished).hasValue(1);
        assertThat(inbox.resolve("orders-20240604T130000.csv")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeReadIsMovedToErrorWithItsReasonAndNotRetried() throws Exception {
        shopFiles.failures.add(new IllegalStateException("header has no order_no column"));

        drop("orders-20240605T080000.csv");

        Path reason = inbox.resolve("error/orders-20240605T080000.csv.reason.txt");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("error/orders-20240605T080000.csv"))
                && Files.exists(reason));
        assertThat(Files.readString(reason)).contains("IllegalStateException: header has no order_no column");
        assertThat(shopFiles.opened).hasValue(1);
        assertThat(shopFiles.finished).hasValue(0);
        assertThat(getMockEndpoint("mock:publish").getReceivedCounter()).isZero();
    }

    @Test
    void aStoreThatIsAwayWhileAFileIsClaimedIsWaitedForAndTheFileIsNotFailed() throws Exception {
        for (int i = 0; i < 3; i++) {
            shopFiles.failures.add(new CannotGetJdbcConnectionException("store away"));
        }

        drop("orders-20240606T080000.csv");

        taken("orders-20240606T080000.csv");
        assertThat(inbox.resolve("done/orders-20240606T080000.csv")).exists();
        assertThat(shopFiles.opened).hasValue(4);
        assertThat(shopFiles.finished).hasValue(1);
        assertThat(inbox.resolve("error/orders-20240606T080000.csv")).doesNotExist();
    }

    /** Waits until the file consumer has moved the file out of the inbox, to {@code done/} or {@code error/}. */
    private static void taken(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("done").resolve(name))
                || Files.exists(inbox.resolve("error").resolve(name)));
    }

    private static void drop(String name) throws Exception {
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, "order_no,line_no\n");
        Files.move(part, inbox.resolve(name));
    }
}
