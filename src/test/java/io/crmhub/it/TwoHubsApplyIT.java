package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmhub.CrmHubApplication;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import io.crmhub.config.HubKafkaProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances in one store consumer group share the canonical topics' partitions and produce exactly what
 * one instance produces. A stream of customers — each real customer known to one to three systems under different
 * source keys, so its duplicates land on different partitions and are applied by either instance — with updates,
 * orders and payments, is published straight onto the canonical topics while the first hub applies it; the second
 * hub joins after a third (a rebalance in the middle of the stream, batches in flight) and the stream goes on into
 * both. Afterwards: one
 * golden customer per real customer, every change logged once, nothing lost, the group's offsets caught up.
 */
class TwoHubsApplyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int REAL_CUSTOMERS = 500;
    private static final int CUSTOMERS_PER_CHUNK = 10;
    /** Events published but not yet applied the publisher allows: the stream never stops, never runs away. */
    private static final int BACKLOG = 400;
    private static final String[] SYSTEMS = {"erp", "shop", "oa"};
    private static final String GROUP = "two-hubs-store";

    private final String run = "T" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final Random random = new Random(7);
    private final AtomicLong sequence = new AtomicLong(1_000);

    /** One planted real customer: its source keys (one per system knowing it). */
    record Planted(int index, List<String> keys, List<CanonicalEvent> events) {}

    @Test
    void twoInstancesInOneGroupProduceWhatOneInstanceProduces() throws Exception {
        ConfigurableApplicationContext first = startHub("a");
        ConfigurableApplicationContext second = null;
        CompletableFuture<ConfigurableApplicationContext> joining = null;
        try {
            HubKafkaProperties kafka = first.getBean(HubKafkaProperties.class);
            JdbcTemplate crm = new JdbcTemplate(first.getBean(javax.sql.DataSource.class));
            assertThat(kafka.partitions()).isEqualTo(6);

            List<Planted> planted = plant();
            List<CanonicalEvent> all = new ArrayList<>();
            planted.forEach(p -> all.addAll(p.events()));
            String[] keys = planted.stream().flatMap(p -> p.keys().stream()).toArray(String[]::new);
            String[] allKeys = all.stream().map(e -> e.source().key()).distinct().toArray(String[]::new);
            long payments = all.stream().filter(e -> e.entity() == EntityType.PAYMENT).count();
            long orders = all.stream().filter(e -> e.entity() == EntityType.ORDER).count();
            BigDecimal paid = all.stream().filter(e -> e.entity() == EntityType.PAYMENT)
                    .map(e -> new BigDecimal(e.payload().get("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);

            CountDownLatch thirdPublished = new CountDownLatch(1);
            CountDownLatch secondStarted = new CountDownLatch(1);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() ->
                    publish(kafka, crm, planted, allKeys, thirdPublished, secondStarted));

            // the second instance starts while the stream flows into the first
            assertThat(thirdPublished.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            long appliedWhenJoining = changeLog(crm, allKeys);
            joining = CompletableFuture.supplyAsync(() -> startHub("b"));
            second = joining.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            secondStarted.countDown();
            publishing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> changeLog(crm, allKeys) >= all.size());
            TopicReader.awaitGroupCaughtUp(kafka.brokers(), GROUP, kafka.topics().canonical(), TIMEOUT);

            double byFirst = applied(first);
            double bySecond = applied(second);
            System.out.printf("TwoHubsApplyIT: %d events; applied by first %.0f, by second %.0f; %d logged when the "
                    + "second joined%n", all.size(), byFirst, bySecond, appliedWhenJoining);
            assertThat(appliedWhenJoining).as("the second hub joined mid-stream").isPositive().isLessThan(all.size());
            assertThat(bySecond).as("events the second hub applied").isPositive();
            assertThat(byFirst).as("events the first hub applied").isPositive();

            // nothing lost, nothing doubled
            assertThat(crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_key = ANY (?)", Long.class,
                    (Object) keys)).isEqualTo(keys.length);
            assertThat(crm.queryForObject("SELECT count(*) FROM order_record WHERE source_key = ANY (?)", Long.class,
                    (Object) allKeys)).isEqualTo(orders);
            assertThat(crm.queryForObject("SELECT count(*) FROM payment_record WHERE source_key = ANY (?)", Long.class,
                    (Object) allKeys)).isEqualTo(payments);
            assertThat(changeLog(crm, allKeys)).as("change_log rows").isEqualTo(all.size());
            assertThat(crm.queryForList("""
                    SELECT source_system || ':' || source_key || '@' || source_sequence FROM change_log
                    WHERE source_key = ANY (?) GROUP BY source_system, source_entity, source_key, source_sequence
                    HAVING count(*) > 1""", String.class, (Object) allKeys)).as("changes logged twice").isEmpty();
            // the newest version of each customer won, wherever it was applied
            assertThat(crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_key = ANY (?) "
                    + "AND lifecycle_status = 'CUSTOMER'", Long.class, (Object) keys))
                    .isEqualTo(all.stream().filter(e -> e.entity() == EntityType.CUSTOMER
                            && "CUSTOMER".equals(e.payload().get("lifecycleStatus").asText())).count());

            // the identity result of one instance: one golden customer per real customer
            assertThat(crm.queryForObject("SELECT count(*) FROM identity_link WHERE source_key = ANY (?)", Long.class,
                    (Object) keys)).as("linked customer records").isEqualTo(keys.length);
            assertThat(crm.queryForObject("SELECT count(DISTINCT golden_id) FROM identity_link WHERE source_key = "
                    + "ANY (?)", Long.class, (Object) keys)).as("golden customers").isEqualTo(REAL_CUSTOMERS);
            List<String> split = new ArrayList<>();
            for (Planted p : planted) {
                long goldens = crm.queryForObject("SELECT count(DISTINCT golden_id) FROM identity_link "
                        + "WHERE source_key = ANY (?)", Long.class, (Object) p.keys().toArray(String[]::new));
                if (goldens != 1) {
                    split.add("customer " + p.index() + " (" + p.keys().size() + " records) in " + goldens);
                }
            }
            assertThat(split).as("real customers not in exactly one golden customer").isEmpty();
            assertThat(crm.queryForObject("""
                    SELECT count(*) FROM golden_customer g WHERE g.golden_id IN (
                        SELECT golden_id FROM identity_link WHERE source_key = ANY (?))
                      AND (g.status <> 'ACTIVE' OR g.member_count <> (
                        SELECT count(*) FROM identity_link l WHERE l.golden_id = g.golden_id))
                    """, Long.class, (Object) keys)).as("golden customers not active or not counting their links")
                    .isZero();

            // KPI facts: every payment once
            assertThat(crm.queryForObject("SELECT count(*) FROM kpi_fact WHERE kind = 'PAYMENT' AND source_key = "
                    + "ANY (?)", Long.class, (Object) allKeys)).isEqualTo(payments);
            assertThat(crm.queryForObject("SELECT sum(amount) FROM kpi_fact WHERE kind = 'PAYMENT' AND source_key = "
                    + "ANY (?)", BigDecimal.class, (Object) allKeys)).isEqualByComparingTo(paid);
        } finally {
            if (joining != null && second == null) {
                joining.thenAccept(ConfigurableApplicationContext::close);
            }
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    /**
     * Publishes chunk by chunk, keeping about {@link #BACKLOG} events ahead of the store, so the instances are always
     * in the middle of a batch: a third of the stream into the first hub alone, then on while the second hub starts
     * and joins, until the group has settled with partitions on both (at the latest before the last quarter).
     */
    private void publish(HubKafkaProperties kafka, JdbcTemplate crm, List<Planted> planted, String[] allKeys,
                         CountDownLatch thirdPublished, CountDownLatch secondStarted) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer());
             Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.brokers()))) {
            long sent = 0;
            boolean settled = false;
            for (int from = 0; from < planted.size(); from += CUSTOMERS_PER_CHUNK) {
                if (from >= planted.size() / 3) {
                    thirdPublished.countDown();
                    if (!settled && from >= planted.size() * 3 / 4) {
                        assertThat(secondStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                                .until(() -> membersWithPartitions(admin) == 2);
                    }
                    if (!settled && membersWithPartitions(admin) == 2) {
                        settled = true;
                        System.out.printf("TwoHubsApplyIT: group settled on two instances with %d of %d events "
                                + "published, %d logged%n", sent, planted.stream().mapToLong(c -> c.events().size())
                                .sum(), changeLog(crm, allKeys));
                    }
                }
                for (Planted customer : planted.subList(from, Math.min(planted.size(), from + CUSTOMERS_PER_CHUNK))) {
                    for (CanonicalEvent e : customer.events()) {
                        producer.send(new ProducerRecord<>(topic(kafka, e.entity()), e.source().qualifiedKey(),
                                CanonicalJson.write(e)));
                        sent++;
                    }
                }
                producer.flush();
                long published = sent;
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .until(() -> changeLog(crm, allKeys) >= published - BACKLOG);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Real customers, each under one to three source systems (different keys, so different partitions): the same
     * e-mail and mobile, the name spelled differently; half of the records updated later; an order and a payment
     * for each real customer, on its first record.
     */
    private List<Planted> plant() {
        List<Planted> planted = new ArrayList<>();
        for (int i = 0; i < REAL_CUSTOMERS; i++) {
            String email = "two." + run.toLowerCase() + "." + i + "@example.com";
            String mobile = "+86137" + String.format("%08d", Math.abs(run.hashCode() % 90_000_000) + i);
            String[] names = {"Two Hubs " + run + " " + i, "TWO HUBS " + run + " " + i, "Two  Hubs " + run + " " + i};
            List<String> keys = new ArrayList<>();
            List<CanonicalEvent> events = new ArrayList<>();
            int systems = 1 + i % 3;
            for (int s = 0; s < systems; s++) {
                String key = run + "-" + i + "-" + s;
                keys.add(key);
                ObjectNode c = CanonicalJson.mapper().createObjectNode().put("number", key).put("kind", "PERSON")
                        .put("name", names[s]).put("lifecycleStatus", "LEAD");
                c.putArray("emails").add(email);
                c.putArray("phones").addObject().put("e164", mobile).put("type", "MOBILE");
                events.add(event(EntityType.CUSTOMER, SYSTEMS[s], "customers", key, c));
                if (random.nextBoolean()) {
                    events.add(event(EntityType.CUSTOMER, SYSTEMS[s], "customers", key,
                            c.deepCopy().put("lifecycleStatus", "CUSTOMER")));
                }
            }
            ObjectNode customerRef = CanonicalJson.mapper().createObjectNode().put("system", SYSTEMS[0])
                    .put("entity", "customers").put("key", keys.get(0));
            String orderKey = run + "-SO-" + i;
            ObjectNode order = CanonicalJson.mapper().createObjectNode().put("orderNumber", orderKey)
                    .put("orderDate", "2024-06-01").put("status", "CONFIRMED").put("currency", "CNY")
                    .put("totalAmount", "100.00");
            order.set("customer", customerRef.deepCopy());
            events.add(event(EntityType.ORDER, SYSTEMS[0], "sales_orders", orderKey, order));
            String receipt = run + "-RC-" + i;
            ObjectNode payment = CanonicalJson.mapper().createObjectNode().put("receiptNumber", receipt)
                    .put("amount", (1 + random.nextInt(9_000)) + "." + String.format("%02d", random.nextInt(100)))
                    .put("currency", "CNY").put("paidAt", "2024-06-04T05:00:00Z").put("method", "BANK_TRANSFER");
            payment.set("customer", customerRef.deepCopy());
            payment.putObject("order").put("system", SYSTEMS[0]).put("entity", "sales_orders").put("key", orderKey);
            events.add(event(EntityType.PAYMENT, SYSTEMS[0], "payment_receipts", receipt, payment));
            planted.add(new Planted(i, keys, events));
        }
        return planted;
    }

    private CanonicalEvent event(EntityType type, String system, String entity, String key, ObjectNode payload) {
        long seq = sequence.incrementAndGet();
        SourceRef src = new SourceRef(system, entity, key, "pos-" + seq, seq);
        return new CanonicalEvent(CanonicalEvent.eventIdFor(src, ChangeOp.UPDATE),
                CanonicalEvent.typeFor(type, ChangeOp.UPDATE), CanonicalEvent.SCHEMA_VERSION, type, ChangeOp.UPDATE,
                src, system + "@1", Instant.parse("2024-06-04T05:00:00Z").plusSeconds(seq), Instant.now(), payload,
                null);
    }

    private static String topic(HubKafkaProperties kafka, EntityType type) {
        return switch (type) {
            case CUSTOMER -> kafka.topics().customer();
            case ORDER -> kafka.topics().order();
            case PAYMENT -> kafka.topics().payment();
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** Members of the store group that hold partitions (a settled group of two hubs: 2). */
    private static long membersWithPartitions(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                .get(10, TimeUnit.SECONDS);
        if (group.state() != ConsumerGroupState.STABLE) {
            return 0;
        }
        return group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
    }

    private static long changeLog(JdbcTemplate crm, String[] keys) {
        return crm.queryForObject("SELECT count(*) FROM change_log WHERE source_key = ANY (?)", Long.class,
                (Object) keys);
    }

    /** Events this instance applied (its own counters: each hub has its own registry, as each pod would). */
    private static double applied(ConfigurableApplicationContext hub) {
        return hub.getBean(MeterRegistry.class).find("hub.store.events").tag("outcome", "applied").counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    /** A whole hub, as one pod of a deployment: its own context, pool and Kafka consumers, the shared store. */
    private static ConfigurableApplicationContext startHub(String name) {
        return new SpringApplicationBuilder(CrmHubApplication.class).profiles("local", "test").run(
                "--camel.main.name=crm-hub-" + name, "--spring.jmx.unique-names=true",
                "--hub.connectors.erp.enabled=false", "--hub.connectors.scm.enabled=false",
                "--hub.simulator.erp.enabled=false",
                "--hub.kafka.partitions=6", "--hub.kafka.store-group=" + GROUP,
                // small batches: many of them, in flight on both instances when the group rebalances
                "--hub.kafka.store-batch-size=100",
                "--hub.kafka.topics.customer=two.canonical.customer", "--hub.kafka.topics.order=two.canonical.order",
                "--hub.kafka.topics.order-line=two.canonical.order-line",
                "--hub.kafka.topics.payment=two.canonical.payment",
                "--hub.kafka.topics.interaction=two.canonical.interaction",
                "--hub.kafka.topics.shipment=two.canonical.shipment", "--hub.kafka.topics.dead-letter=two.deadletter",
                "--hub.kafka.topics.identity=two.identity");
    }
}
