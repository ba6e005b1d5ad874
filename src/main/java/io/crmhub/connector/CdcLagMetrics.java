package io.crmhub.connector;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How far behind its source a change-data-capture stream is. At capture, each change's commit time in the source
 * ({@code ts_ms} of Debezium's source block) is compared with now: {@code hub_source_lag_seconds{source}} is the lag
 * of the latest captured change and {@code hub_source_capture_lag_seconds} (a timer: count, sum, max) their
 * distribution. Debezium's own view, {@code MilliSecondsBehindSource} and {@code Connected} of its streaming MBean,
 * is exported as {@code hub_cdc_milliseconds_behind_source} and {@code hub_cdc_connected} (NaN on a pod that does
 * not run the CDC reader).
 */
@Component("cdcLag")
public class CdcLagMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();

    @Autowired
    public CdcLagMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    CdcLagMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Records one captured change committed in the source at {@code committedAt}. */
    public void captured(String source, Instant committedAt) {
        Duration lag = Duration.between(committedAt, clock.instant());
        Recorder r = recorders.computeIfAbsent(source, this::recorder);
        r.latest.set(lag.isNegative() ? Duration.ZERO : lag);
        r.timer.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /**
     * Exports Debezium's streaming metrics of a connector ({@code debezium.<connector>:type=connector-metrics,
     * context=streaming,server=<topic prefix>}) for a source, read from the platform MBean server at scrape time.
     */
    public void exportDebeziumStreaming(String source, String connector, String topicPrefix) {
        ObjectName name = objectName("debezium." + connector + ":type=connector-metrics,context=streaming,server="
                + topicPrefix);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Gauge.builder("hub.cdc.milliseconds.behind.source", () -> attribute(server, name, "MilliSecondsBehindSource"))
                .tag("source", source).description("Debezium: time between the source commit and the capture of the "
                        + "latest change (MilliSecondsBehindSource)")
                .register(registry);
        Gauge.builder("hub.cdc.connected", () -> attribute(server, name, "Connected")).tag("source", source)
                .description("Debezium: 1 while the connector is connected to the source's change stream")
                .register(registry);
    }

    private Recorder recorder(String source) {
        AtomicReference<Duration> latest = new AtomicReference<>();
        Gauge.builder("hub.source.lag.seconds", latest, l -> l.get() == null ? Double.NaN : l.get().toMillis() / 1000.0)
                .tag("source", source)
                .description("Time between the source's commit of the latest captured change and its capture")
                .register(registry);
        Timer timer = Timer.builder("hub.source.capture.lag").tag("source", source)
                .description("Source commit to capture, per captured change").register(registry);
        return new Recorder(latest, timer);
    }

    private static double attribute(MBeanServer server, ObjectName name, String attribute) {
        try {
            Object value = server.getAttribute(name, attribute);
            if (value instanceof Boolean b) {
                return b ? 1 : 0;
            }
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        } catch (Exception notRegistered) {
            return Double.NaN;
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JMX object name: " + name, e);
        }
    }

    private record Recorder(AtomicReference<Duration> latest, Timer timer) {}
}
