package io.crmhub.kpi;

import static io.crmhub.canonical.Customer.LifecycleStatus.CHURNED;
import static io.crmhub.canonical.Customer.LifecycleStatus.CUSTOMER;
import static io.crmhub.canonical.Customer.LifecycleStatus.LEAD;
import static io.crmhub.canonical.Customer.LifecycleStatus.PROSPECT;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.Interaction.Kind;
import io.crmhub.canonical.Order.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A small, realistic, seeded CRM history in 2041–2042 (a range no other test uses): people with one or two
 * source records (the second in another system, same e-mail), lifecycle paths (lead → prospect → customer,
 * some churned, some first seen in a snapshot), won/draft/cancelled/edited/deleted orders in CNY, USD, EUR,
 * HKD and JPY, payments (some before their order, some refunds, times near midnight in the KPI zone), one
 * person with only refunds, complaints (escalated, resolved late, open past the SLA) and surveys on 5- and
 * 10-point scales. Facts of a snapshot person dated before the snapshot arrive as backfill (op READ).
 */
final class KpiDataSet {

    static final LocalDate FIRST = LocalDate.of(2041, 1, 1);
    static final LocalDate LAST = LocalDate.of(2042, 12, 31);
    /** When the "ERP snapshot" ran: starting states and backfilled history carry this change time. */
    static final Instant SNAPSHOT = KpiFixtures.at("2041-06-15T03:00:00");
    private static final LocalDate LAST_ORDER_DAY = LocalDate.of(2042, 12, 20);
    // Either side of the 365-day frequency window before asOf = LAST; kept free so its edge cannot matter.
    private static final Set<LocalDate> NO_ORDERS_ON = Set.of(LocalDate.of(2041, 12, 31), LocalDate.of(2042, 1, 1));

    /** One real customer and its source records; the first record is the main one. */
    record Person(int index, List<EntityRef> records) {}

    final List<Person> people = new ArrayList<>();
    final EntityRef onlyRefunds;
    private final KpiFixtures f;
    private final Random rnd;

    private KpiDataSet(KpiFixtures f, long seed, int size) {
        this.f = f;
        this.rnd = new Random(seed);
        for (int i = 0; i < size; i++) {
            people.add(person(i));
        }
        onlyRefunds = f.customer("erp", "refunds", CUSTOMER, ChangeOp.CREATE, KpiFixtures.at("2041-07-01T09:00:00"));
        f.payment(onlyRefunds, null, "-350.00", "CNY", KpiFixtures.at("2041-08-10T23:40:00"), ChangeOp.CREATE,
                KpiFixtures.at("2041-08-10T23:41:00"));
        f.payment(onlyRefunds, null, "-120.50", "CNY", KpiFixtures.at("2042-02-03T00:20:00"), ChangeOp.CREATE,
                KpiFixtures.at("2042-02-03T00:21:00"));
        people.add(new Person(size, List.of(onlyRefunds)));
    }

    static KpiDataSet generate(KpiFixtures fixtures, long seed, int size) {
        return new KpiDataSet(fixtures, seed, size);
    }

    private Person person(int i) {
        int pattern = i % 6;
        String system = i % 2 == 0 ? "erp" : "shop";
        Instant leadAt = instantBetween(FIRST.plusDays(3), LocalDate.of(2042, 9, 30));
        EntityRef main = switch (pattern) {
            case 0, 4 -> f.customer(system, "lead", LEAD, ChangeOp.CREATE, leadAt);
            case 1 -> f.customer(system, "prospect", PROSPECT, ChangeOp.CREATE, leadAt);
            case 2 -> f.customer(system, "direct", CUSTOMER, ChangeOp.CREATE, leadAt);
            case 3 -> f.customer(system, "snap", CUSTOMER, ChangeOp.READ, SNAPSHOT);
            default -> f.customer(system, "snaplead", LEAD, ChangeOp.READ, SNAPSHOT);
        };
        Instant lastMove = leadAt;
        if (pattern == 0) {
            lastMove = leadAt.plus(Duration.ofDays(5 + rnd.nextInt(55)));
            f.lifecycle(main, PROSPECT, lastMove);
        } else if (pattern == 5) {
            leadAt = later(SNAPSHOT, leadAt).plus(Duration.ofDays(1 + rnd.nextInt(30)));
            lastMove = leadAt;
            f.lifecycle(main, PROSPECT, leadAt); // a lead before the hub knew it; the move to prospect is new
        }
        List<EntityRef> records = new ArrayList<>(List.of(main));
        if (i % 5 == 1) {
            Instant twinAt = leadAt.plus(Duration.ofDays(rnd.nextInt(61) - 30));
            records.add(f.twin("oa", main, pattern == 2 ? CUSTOMER : PROSPECT, ChangeOp.CREATE, twinAt));
        }
        LocalDate leadDay = leadAt.atZone(KpiFixtures.ZONE).toLocalDate();
        boolean snapshotPerson = pattern == 3 || pattern == 5;
        if (pattern != 4) {
            LocalDate[] won = orders(records, leadDay, pattern == 2 || pattern == 3, snapshotPerson);
            if (won[0] != null && pattern != 3) {
                moveToCustomer(main, won, lastMove);
            }
        }
        interactions(records, leadAt, snapshotPerson);
        return new Person(i, records);
    }

    /** Customer when the first won order came (never before its last move), churned for some months later. */
    private void moveToCustomer(EntityRef main, LocalDate[] won, Instant lastMove) {
        Instant customerAt = later(KpiFixtures.at(won[0] + "T18:00:00"), lastMove.plus(Duration.ofHours(1)));
        f.lifecycle(main, CUSTOMER, customerAt);
        if (rnd.nextInt(5) == 0 && won[1].plusDays(200).isBefore(LAST)) {
            Instant churnAt = KpiFixtures.at(won[1].plusDays(120 + rnd.nextInt(60)) + "T10:00:00");
            f.lifecycle(main, CHURNED, later(churnAt, customerAt.plus(Duration.ofDays(1))));
        }
    }

    /** Orders every few weeks from a start day; returns the first and the last day with a won order. */
    private LocalDate[] orders(List<EntityRef> records, LocalDate leadDay, boolean anyTime, boolean snapshotPerson) {
        int n = 2 + rnd.nextInt(6);
        LocalDate[] won = new LocalDate[2];
        LocalDate day = anyTime ? dayBetween(FIRST, LAST_ORDER_DAY)
                : rnd.nextInt(8) == 0 ? leadDay.minusDays(1 + rnd.nextInt(60)) // bought before becoming a lead
                : leadDay.plusDays(rnd.nextInt(90));
        for (int k = 0; k < n && (k == 0 || !day.isAfter(LAST_ORDER_DAY)); k++) {
            LocalDate d = orderDay(day);
            OrderStatus status = status();
            if (status != OrderStatus.DRAFT && status != OrderStatus.CANCELLED) {
                won[0] = won[0] == null || d.isBefore(won[0]) ? d : won[0];
                won[1] = won[1] == null || d.isAfter(won[1]) ? d : won[1];
            }
            order(records.get(rnd.nextInt(records.size())), d, status, snapshotPerson);
            day = day.plusDays(10 + rnd.nextInt(70));
        }
        return won;
    }

    private void order(EntityRef customer, LocalDate day, OrderStatus status, boolean snapshotPerson) {
        Instant created = KpiFixtures.at(day + "T10:15:00");
        boolean backfill = snapshotPerson && created.isBefore(SNAPSHOT);
        ChangeOp op = backfill ? ChangeOp.READ : ChangeOp.CREATE;
        Instant changedAt = backfill ? SNAPSHOT : created;
        String currency = currency();
        String total = money(200 + rnd.nextDouble() * 19_800);
        boolean won = status != OrderStatus.DRAFT && status != OrderStatus.CANCELLED;
        boolean editedLater = !backfill && rnd.nextInt(5) == 0;
        EntityRef order = f.order(customer, day, editedLater && won ? OrderStatus.DRAFT : status, currency, total,
                op, changedAt);
        if (editedLater) {
            // a draft confirmed later, or a won order cancelled later: the current state is what counts
            OrderStatus now = won ? status : OrderStatus.CANCELLED;
            f.orderChange(order, customer, day, now, currency, total, changedAt.plus(Duration.ofDays(3)));
            won = now != OrderStatus.CANCELLED;
        }
        if (!backfill && rnd.nextInt(25) == 0) {
            f.delete(EntityType.ORDER, order, changedAt.plus(Duration.ofDays(4)));
            return;
        }
        if (won && rnd.nextInt(100) < 65) {
            payments(customer, order, day, currency, total, backfill);
        }
    }

    private void payments(EntityRef customer, EntityRef order, LocalDate day, String currency, String total,
                          boolean backfill) {
        BigDecimal amount = new BigDecimal(total);
        if (rnd.nextInt(10) < 3) {
            amount = amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
        }
        int hour = List.of(0, 0, 23, rnd.nextInt(24)).get(rnd.nextInt(4)); // near midnight: zone matters
        Instant paidAt = KpiFixtures.at(day.plusDays(rnd.nextInt(51) - 10) + "T%02d:%02d:00".formatted(hour,
                rnd.nextInt(60)));
        ChangeOp op = backfill ? ChangeOp.READ : ChangeOp.CREATE;
        f.payment(customer, order, amount.toPlainString(), currency, paidAt, op, backfill ? SNAPSHOT : paidAt);
        if (rnd.nextInt(10) == 0) {
            Instant refundAt = paidAt.plus(Duration.ofDays(5 + rnd.nextInt(25)));
            String refund = amount.multiply(new BigDecimal("-0.3")).setScale(2, RoundingMode.HALF_UP).toPlainString();
            f.payment(customer, order, refund, currency, refundAt, ChangeOp.CREATE, later(refundAt, SNAPSHOT));
        }
    }

    private void interactions(List<EntityRef> records, Instant leadAt, boolean snapshotPerson) {
        EntityRef who = records.get(rnd.nextInt(records.size()));
        if (rnd.nextInt(10) < 6) {
            Instant first = leadAt.minus(Duration.ofDays(rnd.nextInt(40))).minus(Duration.ofMinutes(rnd.nextInt(600)));
            interaction(who, rnd.nextBoolean() ? Kind.CONTACT : Kind.VISIT, first, null, null, null, null,
                    snapshotPerson);
        }
        for (int c = rnd.nextInt(10) < 4 ? 1 + rnd.nextInt(2) : 0; c > 0; c--) {
            Instant opened = instantBetween(FIRST, LAST.minusDays(1));
            int outcome = rnd.nextInt(4);
            Instant escalated = outcome == 2 ? opened.plus(Duration.ofMinutes(300 + rnd.nextInt(3600))) : null;
            Instant resolved = switch (outcome) {
                case 0 -> opened.plus(Duration.ofMinutes(120 + rnd.nextInt(4000)));   // within the SLA
                case 1 -> opened.plus(Duration.ofMinutes(4800 + rnd.nextInt(20000))); // late
                case 2 -> rnd.nextBoolean() ? opened.plus(Duration.ofMinutes(6000 + rnd.nextInt(24000))) : null;
                default -> null;                                                       // left open
            };
            interaction(who, Kind.COMPLAINT, opened, escalated, resolved, null, null, snapshotPerson);
        }
        for (int s = rnd.nextBoolean() ? 1 + rnd.nextInt(2) : 0; s > 0; s--) {
            int scale = rnd.nextBoolean() ? 5 : 10;
            interaction(who, Kind.SURVEY, instantBetween(FIRST, LAST), null, null, 1 + rnd.nextInt(scale), scale,
                    snapshotPerson);
        }
    }

    private void interaction(EntityRef who, Kind kind, Instant opened, Instant escalated, Instant resolved,
                             Integer score, Integer scale, boolean snapshotPerson) {
        Instant last = resolved != null ? resolved : escalated != null ? escalated : opened;
        boolean backfill = snapshotPerson && last.isBefore(SNAPSHOT);
        f.interaction(who, kind, opened, escalated, resolved, score, scale, backfill ? ChangeOp.READ : ChangeOp.CREATE,
                backfill ? SNAPSHOT : last);
    }

    private LocalDate orderDay(LocalDate day) {
        LocalDate d = day.isBefore(FIRST) || day.isAfter(LAST_ORDER_DAY) ? dayBetween(FIRST, LAST_ORDER_DAY) : day;
        return NO_ORDERS_ON.contains(d) ? d.plusDays(2) : d;
    }

    private OrderStatus status() {
        int r = rnd.nextInt(100);
        return r < 25 ? OrderStatus.CONFIRMED : r < 50 ? OrderStatus.SHIPPED : r < 75 ? OrderStatus.COMPLETED
                : r < 88 ? OrderStatus.DRAFT : OrderStatus.CANCELLED;
    }

    private String currency() {
        int r = rnd.nextInt(100);
        return r < 80 ? "CNY" : r < 87 ? "USD" : r < 93 ? "EUR" : r < 97 ? "HKD" : "JPY";
    }

    private static String money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private LocalDate dayBetween(LocalDate from, LocalDate to) {
        return from.plusDays(rnd.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
    }

    private Instant instantBetween(LocalDate from, LocalDate to) {
        return KpiFixtures.at(dayBetween(from, to) + "T00:00:00").plus(Duration.ofMinutes(rnd.nextInt(24 * 60)));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
