package io.crmhub.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What a demo SCM publishes: each shipment goes CREATED → DISPATCHED → IN_TRANSIT → DELIVERED, one event per
 * step, with a version that grows by one per step. Not thread-safe: one simulator thread drives it.
 */
final class ScmEventGenerator {

    /** One message for the SCM topic. */
    record ScmMessage(String key, String value) {}

    private record InFlight(String number, String orderNumber, int step, OffsetDateTime shippedAt) {}

    private static final String[] STEPS = {"CREATED", "DISPATCHED", "IN_TRANSIT", "DELIVERED"};
    private static final String[] CARRIERS = {"SF", "ZTO", "JD", "EMS"};
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SCANNER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int MAX_IN_FLIGHT = 50;

    private final ObjectMapper json = new ObjectMapper();
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final Random random;
    private final Clock clock;
    private final String run;
    private long created;

    ScmEventGenerator(long seed, Clock clock) {
        this.random = new Random(seed);
        this.clock = clock;
        // numbers stay unique across restarts of the demo without any state kept
        this.run = Long.toString(clock.millis() / 1000 % 1_000_000, 36).toUpperCase();
    }

    /**
     * The next message: now and then a malformed one, else a new shipment (for an order from {@code orders},
     * which may give null when there is none yet) or the next step of the oldest shipment under way.
     */
    ScmMessage next(double malformedPercent, Supplier<String> orders) {
        if (random.nextDouble() * 100 < malformedPercent) {
            return malformed();
        }
        if (inFlight.isEmpty() || inFlight.size() < MAX_IN_FLIGHT && random.nextInt(100) < 40) {
            String order = orders.get();
            if (order != null) {
                InFlight s = new InFlight("SH-" + run + "-" + (++created), order, 0, null);
                return publish(s);
            }
            if (inFlight.isEmpty()) {
                return null;
            }
        }
        InFlight s = inFlight.poll();
        OffsetDateTime shipped = s.step() == 0 ? now() : s.shippedAt();
        return publish(new InFlight(s.number(), s.orderNumber(), s.step() + 1, shipped));
    }

    private ScmMessage publish(InFlight s) {
        if (s.step() < STEPS.length - 1) {
            inFlight.add(s);
        }
        ObjectNode e = json.createObjectNode()
                .put("shipmentNumber", s.number())
                .put("version", s.step() + 1)
                .put("eventTime", now().toString())
                .put("orderNumber", s.orderNumber())
                .put("carrier", CARRIERS[Math.floorMod(s.number().hashCode(), CARRIERS.length)])
                .put("trackingNumber", "T" + Math.floorMod(s.number().hashCode(), 1_000_000_000L))
                .put("status", STEPS[s.step()]);
        if (s.shippedAt() != null) {
            // some depot scanners send local time without an offset; the mapping reads it in Asia/Shanghai
            e.put("shippedAt", random.nextBoolean() ? s.shippedAt().toString() : SCANNER_TIME.format(s.shippedAt()));
        }
        if (STEPS[s.step()].equals("DELIVERED")) {
            e.put("deliveredAt", now().toString());
        }
        return new ScmMessage(s.number(), e.toString());
    }

    private ScmMessage malformed() {
        String key = "SH-" + run + "-X" + (++created);
        return random.nextBoolean()
                ? new ScmMessage(key, "SHIPMENT " + key + " DISPATCHED")
                : new ScmMessage(key, "{\"version\": 1, \"eventTime\": \"" + now() + "\", \"status\": \"CREATED\"}");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(SHANGHAI)).withNano(0);
    }
}
