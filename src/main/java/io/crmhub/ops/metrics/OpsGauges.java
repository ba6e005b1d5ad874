package io.crmhub.ops.metrics;

import io.crmhub.connector.oa.OaWatermarkStore;
import io.crmhub.connector.shop.ShopConnectorProperties;
import io.crmhub.ops.deadletter.DeadLetterStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Backlogs as Prometheus gauges, recomputed by the route {@code ops-gauges-refresh} (a scrape reads cached values,
 * never the database): dead letters waiting ({@code NEW}) and the age of the oldest, the age of each OA watermark,
 * and the files waiting in the shop inbox with the age of the oldest. Ages are computed at scrape time from the
 * cached timestamps, so they keep growing between refreshes while nothing moves.
 */
@Component("opsGauges")
public class OpsGauges {

    private final DeadLetterStore deadLetterStore;
    private final OaWatermarkStore oaWatermarks;
    private final ShopConnectorProperties shop;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<Backlog> deadLetters = new AtomicReference<>(Backlog.NONE);
    private final AtomicReference<Backlog> inbox = new AtomicReference<>(Backlog.NONE);
    private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();

    @Autowired
    OpsGauges(DeadLetterStore deadLetterStore, OaWatermarkStore oaWatermarks, ShopConnectorProperties shop,
              MeterRegistry registry) {
        this(deadLetterStore, oaWatermarks, shop, registry, Clock.systemUTC());
    }

    OpsGauges(DeadLetterStore deadLetterStore, OaWatermarkStore oaWatermarks, ShopConnectorProperties shop,
              MeterRegistry registry, Clock clock) {
        this.deadLetterStore = deadLetterStore;
        this.oaWatermarks = oaWatermarks;
        this.shop = shop;
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("hub.dead.letters.depth", deadLetters, r -> r.get().count())
                .description("Dead letters waiting for replay or a decision (status NEW)").register(registry);
        age("hub.dead.letters.oldest.age.seconds", "Age of the oldest dead letter with status NEW; 0 when none",
                deadLetters, Tags.empty());
        Gauge.builder("hub.inbox.backlog.files", inbox, r -> r.get().count()).tag("source", "shop")
                .description("Export files waiting in the shop inbox (not yet taken by shop-files-ingest)")
                .register(registry);
        age("hub.inbox.oldest.file.age.seconds", "Age (since last modified) of the oldest file waiting in the inbox",
                inbox, Tags.of("source", "shop"));
    }

    /** Re-reads the backlogs; called by the ops-gauges-refresh route. */
    public void refresh() {
        DeadLetterStore.Waiting waiting = deadLetterStore.waiting();
        deadLetters.set(new Backlog(waiting.count(), waiting.oldest()));
        refreshWatermarks();
        InboxBacklog files = shop.enabled() ? InboxBacklog.scan(Path.of(shop.inbox()), "csv", "jsonl")
                : InboxBacklog.EMPTY;
        inbox.set(new Backlog(files.files(), files.oldest()));
    }

    /** One gauge per OA entity with a watermark; an entity whose watermark is gone reads NaN. */
    private void refreshWatermarks() {
        Set<String> seen = new HashSet<>();
        oaWatermarks.forEachModifiedAt((entity, modifiedAt) -> {
            seen.add(entity);
            if (watermarks.put(entity, modifiedAt) == null) {
                Gauge.builder("hub.oa.watermark.age.seconds", watermarks,
                        w -> w.containsKey(entity) ? ageSeconds(w.get(entity)) : Double.NaN)
                        .tag("entity", entity)
                        .description("Age of the newest OA change the hub has read and published for the entity")
                        .register(registry);
            }
        });
        watermarks.keySet().retainAll(seen);
    }

    /** The gauge holds the (field-owned) reference, not a lambda: Micrometer keeps gauge objects weakly. */
    private void age(String name, String description, AtomicReference<Backlog> backlog, Tags tags) {
        Gauge.builder(name, backlog, b -> ageSeconds(b.get().oldest())).tags(tags).description(description)
                .register(registry);
    }

    private double ageSeconds(Instant since) {
        return since == null ? 0 : Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    /** How many wait, and since when the oldest. */
    record Backlog(long count, Instant oldest) {
        static final Backlog NONE = new Backlog(0, null);
    }
}
