package io.crmhub.it.fuzz;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SCM shipment events on the hub's SCM topic with hostile fields, wrong types, broken JSON and plain text: each
 * message, by its key, is either a stored shipment or a dead letter with a specific reason; every well-formed one
 * (one in five) is stored.
 */
final class ScmFuzz {

    private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("fuzz.scm-timeout-s", 120));
    private static final List<String> FIELDS = List.of("version", "eventTime", "orderNumber", "carrier",
            "trackingNumber", "status", "shippedAt", "deliveredAt");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arbitrary<Object> VALUE = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(7, Hostile.textOrNull().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(List.of("a"), Map.of("k", 1), false).map(v -> (Object) v)));

    private ScmFuzz() {}

    static void run(FuzzCampaign fuzz, String brokers, String topic, JdbcTemplate crm, String run) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, Boolean> wellFormed = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < FuzzCampaign.CASES; i++) {
                String key = "FZS" + run + "-" + i;
                boolean good = i % 5 == 0;
                sent.add(producer.send(new ProducerRecord<>(topic, key, message(fuzz, key, good))));
                wellFormed.put(key, good);
                fuzz.countCase();
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
        String[] keys = wellFormed.keySet().toArray(String[]::new);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> outcomes(crm, keys).size() == keys.length);
        Map<String, String> outcomes = outcomes(crm, keys);
        wellFormed.forEach((key, good) -> {
            String outcome = outcomes.get(key);
            if (good && !"stored".equals(outcome)) {
                fuzz.unexplained(key + ": a well-formed shipment event was refused: " + outcome);
            } else if (!"stored".equals(outcome)) {
                fuzz.countRefused();
                fuzz.explained(outcome, List.of(), key);
            }
        });
    }

    private static Map<String, String> outcomes(JdbcTemplate crm, String[] keys) {
        Map<String, String> out = new HashMap<>();
        crm.query("SELECT source_key FROM shipment_record WHERE source_system = 'scm' AND source_key = ANY (?)",
                rs -> {
                    out.put(rs.getString(1), "stored");
                }, (Object) keys);
        crm.query("SELECT source_key, reason FROM dead_letter WHERE source_system = 'scm' AND source_key = ANY (?)",
                rs -> {
                    out.putIfAbsent(rs.getString(1), String.valueOf(rs.getString(2)));
                }, (Object) keys);
        return out;
    }

    private static String message(FuzzCampaign fuzz, String key, boolean good) throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("shipmentNumber", key);
        event.put("version", 1);
        event.put("eventTime", "2024-06-04T10:00:00+08:00");
        event.put("orderNumber", "SO-FUZZ-1");
        event.put("carrier", "SF");
        event.put("trackingNumber", "SF1234567890");
        event.put("status", "CREATED");
        if (good) {
            return JSON.writeValueAsString(event);
        }
        int shape = fuzz.random().nextInt(10);
        if (shape == 0) {
            return fuzz.next(Hostile.anyText(300));
        }
        for (int n = 1 + fuzz.random().nextInt(3); n > 0; n--) {
            String field = FIELDS.get(fuzz.random().nextInt(FIELDS.size()));
            if (fuzz.random().nextInt(6) == 0) {
                event.remove(field);
            } else {
                event.put(field, fuzz.next(VALUE));
            }
        }
        String json = JSON.writeValueAsString(event);
        return shape == 1 ? json.substring(0, fuzz.random().nextInt(json.length())) : json;
    }
}
