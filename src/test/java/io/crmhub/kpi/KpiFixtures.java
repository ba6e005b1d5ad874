package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.Interaction;
import io.crmhub.canonical.Order.OrderStatus;
import io.crmhub.store.ApplyOutcome;
import io.crmhub.store.CanonicalStore;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts KPI test data into the hub through the real store ({@link CanonicalStore#apply}) and writes every
 * lifecycle change it applies to a scratch table, because the record tables keep only a customer's latest
 * status and the expected values need its history. Nothing here reads what the KPI code writes.
 */
final class KpiFixtures {

    static final String LIFECYCLE = "it_kpi_lifecycle";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final CanonicalStore store;
    private final JdbcTemplate jdbc;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> statusOf = new HashMap<>();
    private final Map<String, String> personOf = new HashMap<>(); // record → key its name and e-mail derive from
    private long counter;

    KpiFixtures(CanonicalStore store, JdbcTemplate jdbc) {
        this.store = store;
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + LIFECYCLE + " (source_system TEXT NOT NULL, source_entity TEXT "
                + "NOT NULL, source_key TEXT NOT NULL, status TEXT NOT NULL, changed_at TIMESTAMPTZ NOT NULL, "
                + "snapshot BOOLEAN NOT NULL)");
    }

    /** An instant given as local time in the KPI zone, which is how people read these dates. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
    }

    String uniqueKey(String tag) {
        return "KPI-" + run + "-" + tag + "-" + (++counter);
    }

    /** A new source customer (unique e-mail) whose first change is {@code op} with {@code status}. */
    EntityRef customer(String system, String tag, LifecycleStatus status, ChangeOp op, Instant at) {
        EntityRef ref = KpiEvents.customerRef(system, uniqueKey(tag));
        customerChange(ref, ref.key(), status, op, at);
        return ref;
    }

    /** A second source record of the same person: same name and e-mail, so identity links it to the first. */
    EntityRef twin(String system, EntityRef of, LifecycleStatus status, ChangeOp op, Instant at) {
        EntityRef ref = KpiEvents.customerRef(system, uniqueKey("twin"));
        customerChange(ref, personOf.get(of.qualifiedKey()), status, op, at);
        return ref;
    }

    /** A later change of a source customer (its lifecycle moves); its e-mail stays as it was. */
    void lifecycle(EntityRef ref, LifecycleStatus status, Instant at) {
        customerChange(ref, personOf.get(ref.qualifiedKey()), status, ChangeOp.UPDATE, at);
    }

    private void customerChange(EntityRef ref, String person, LifecycleStatus status, ChangeOp op, Instant at) {
        apply(KpiEvents.customer(ref, nameFor(person), email(person), status, op, at));
        personOf.put(ref.qualifiedKey(), person);
        String previous = statusOf.put(ref.qualifiedKey(), status.name());
        if (!status.name().equals(previous)) {
            jdbc.update("INSERT INTO " + LIFECYCLE + " VALUES (?, ?, ?, ?, ?, ?)", ref.system(), ref.entity(),
                    ref.key(), status.name(), Timestamp.from(at), op == ChangeOp.READ);
        }
    }

    EntityRef order(EntityRef customer, LocalDate date, OrderStatus status, String currency, String total,
                    ChangeOp op, Instant changedAt) {
        EntityRef ref = new EntityRef(customer.system(), "orders", uniqueKey("o"));
        apply(KpiEvents.order(ref, customer, date, status, currency, new BigDecimal(total), op, changedAt));
        return ref;
    }

    /** A later change of an order (e.g. a draft confirmed, a confirmed order cancelled). */
    void orderChange(EntityRef ref, EntityRef customer, LocalDate date, OrderStatus status, String currency,
                     String total, Instant changedAt) {
        apply(KpiEvents.order(ref, customer, date, status, currency, new BigDecimal(total), ChangeOp.UPDATE,
                changedAt));
    }

    EntityRef payment(EntityRef customer, EntityRef order, String amount, String currency, Instant paidAt,
                      ChangeOp op, Instant changedAt) {
        EntityRef ref = new EntityRef(customer.system(), "payments", uniqueKey("p"));
        apply(KpiEvents.payment(ref, order, customer, new BigDecimal(amount), currency, paidAt, op, changedAt));
        return ref;
    }

    EntityRef interaction(EntityRef customer, Interaction.Kind kind, Instant opened, Instant escalated,
                          Instant resolved, Integer score, Integer scaleMax, ChangeOp op, Instant changedAt) {
        EntityRef ref = new EntityRef(customer.system(), "interactions", uniqueKey("i"));
        apply(KpiEvents.interaction(ref, customer, kind, opened, escalated, resolved, score, scaleMax, op,
                changedAt));
        return ref;
    }

    void delete(EntityType type, EntityRef ref, Instant at) {
        apply(KpiEvents.delete(type, ref, at));
    }

    UUID goldenOf(EntityRef ref) {
        return jdbc.queryForObject("SELECT golden_id FROM identity_link WHERE source_system = ? AND source_entity = ? "
                + "AND source_key = ?", UUID.class, ref.system(), ref.entity(), ref.key());
    }

    private void apply(CanonicalEvent event) {
        assertThat(store.apply(event)).as("store applies %s", event.source().qualifiedKey())
                .isEqualTo(ApplyOutcome.APPLIED);
    }

    private String email(String key) {
        return "kpi." + key.toLowerCase() + "@example-kpi.cn";
    }

    /** Two made-up words from the key's hash: unique, and far from every other name (no fuzzy matches). */
    private static String nameFor(String key) {
        UUID u = UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String hex = u.toString().replace("-", "");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            sb.append(i == 6 ? ' ' : (char) ('a' + Character.digit(hex.charAt(i), 16) + (i % 3 == 0 ? 10 : 0)));
        }
        return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
    }
}
