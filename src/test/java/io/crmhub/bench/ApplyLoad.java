package io.crmhub.bench;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.Phone;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Canonical events shaped like a real customer base, for the store-apply benchmark: 60 % customer inserts of which
 * about 40 % re-typed copies of an earlier customer (e-mail in other case, phone kept, company suffix and spacing
 * changed), 25 % updates of earlier customers, 15 % payments. Hot keys: one office-tower address carried by 5 % of
 * the companies, a switchboard phone on 2 % of them, and persons named from the 20 most common Chinese names.
 */
final class ApplyLoad {

    static final String[] COMMON_NAMES = {"王伟", "王芳", "李伟", "张伟", "王秀英", "李娜", "张敏", "李静", "王静", "刘伟",
        "王丽", "张丽", "李强", "张静", "李敏", "王敏", "王磊", "刘洋", "王艳", "王勇"};
    private static final String HAN = "华安泰和信达恒瑞鑫源宏盛丰隆昌兴永嘉德福明光远通金鼎润博聚创海天";
    private static final Address TOWER = new Address("CN", "上海", "上海市", "浦东新区世纪大道100号环球金融中心", "200120");
    private static final Phone SWITCHBOARD = new Phone("+862150001000", "LANDLINE");

    private final Random random;
    private final String system;
    private final List<Customer> customers = new ArrayList<>();
    private final List<Long> sequences = new ArrayList<>();
    private final List<Integer> originals = new ArrayList<>();
    private final java.util.Map<Integer, Integer> copiesOf = new java.util.HashMap<>();
    private long sequence;
    int inserts;
    int copies;
    int updates;
    int payments;
    int orders;
    /** Percent of the events that are won orders of earlier customers ({@code -Dbench.orders}, default 0). */
    private final int orderShare;

    ApplyLoad(long seed, String system) {
        this(seed, system, 0);
    }

    ApplyLoad(long seed, String system, int orderShare) {
        this.random = new Random(seed);
        this.system = system;
        this.orderShare = orderShare;
    }

    /** The next {@code n} events; keys continue from earlier calls (a second round lands on a full store). */
    List<CanonicalEvent> next(int n) {
        List<CanonicalEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (orderShare > 0 && customers.size() >= 10 && random.nextInt(100) < orderShare) {
                events.add(order());
                continue;
            }
            int dice = random.nextInt(100);
            if (dice < 60 || customers.size() < 10) {
                events.add(insert());
            } else if (dice < 85) {
                events.add(update());
            } else {
                events.add(payment());
            }
        }
        return events;
    }

    private CanonicalEvent insert() {
        int index = customers.size();
        Customer c;
        if (index > 20 && random.nextInt(100) < 40) {
            // a real customer is known to a few systems, not to dozens: at most two copies of an original
            int of = originals.get(random.nextInt(originals.size()));
            if (copiesOf.merge(of, 1, Integer::sum) >= 2) {
                originals.remove(Integer.valueOf(of));
            }
            c = retyped(customers.get(of));
            copies++;
        } else {
            c = random.nextBoolean() ? company(index) : person(index);
            originals.add(index);
        }
        customers.add(c);
        sequences.add(0L);
        inserts++;
        return customerEvent(index, c, ChangeOp.CREATE);
    }

    private CanonicalEvent update() {
        int index = random.nextInt(customers.size());
        Customer c = customers.get(index);
        Customer changed = new Customer(c.number(), c.kind(), c.name(), c.contactName(), c.emails(), c.phones(),
                c.addresses(), c.taxId(), c.industry(), "sales." + random.nextInt(20), Customer.LifecycleStatus.CUSTOMER);
        customers.set(index, changed);
        updates++;
        return customerEvent(index, changed, ChangeOp.UPDATE);
    }

    private CanonicalEvent payment() {
        int customer = random.nextInt(customers.size());
        payments++;
        var payload = CanonicalJson.mapper().createObjectNode().put("amount", BigDecimal.valueOf(random.nextInt(100_000), 2))
                .put("currency", "CNY").put("paidAt", Instant.parse("2026-01-01T00:00:00Z")
                        .plusSeconds(random.nextInt(30_000_000)).toString()).put("method", "BANK_TRANSFER");
        payload.putObject("customer").put("system", system).put("entity", "customers").put("key", "C" + customer);
        return event(EntityType.PAYMENT, new SourceRef(system, "payments", "P" + payments, "p" + (++sequence),
                sequence), ChangeOp.CREATE, payload);
    }

    /** A won order of an earlier customer, dated in 2026 (the day a KPI fact and its aggregates land on). */
    private CanonicalEvent order() {
        int customer = random.nextInt(customers.size());
        orders++;
        var payload = CanonicalJson.mapper().createObjectNode().put("orderNumber", "O" + orders)
                .put("orderDate", java.time.LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365)).toString())
                .put("status", "CONFIRMED").put("currency", "CNY")
                .put("totalAmount", BigDecimal.valueOf(random.nextInt(1_000_000), 2)).put("channel", "ERP");
        payload.putObject("customer").put("system", system).put("entity", "customers").put("key", "C" + customer);
        return event(EntityType.ORDER, new SourceRef(system, "orders", "O" + orders, "o" + (++sequence), sequence),
                ChangeOp.CREATE, payload);
    }

    private Customer company(int index) {
        String name = han(index) + (random.nextBoolean() ? "科技有限公司" : "贸易有限公司");
        Address address = random.nextInt(100) < 5 ? TOWER
                : new Address("CN", "浙江", "杭州市", "西湖区文三路" + (index % 997 + 1) + "号" + han(index * 7) + "大厦", "310012");
        List<Phone> phones = random.nextInt(100) < 2 ? List.of(SWITCHBOARD, mobile(index)) : List.of(mobile(index));
        return new Customer("N" + index, Customer.PartyKind.ORGANISATION, name, null,
                List.of("info" + index + "@" + han(index).hashCode() % 100000 + ".example.cn"), phones, List.of(address),
                null, "制造", "sales.li", Customer.LifecycleStatus.LEAD);
    }

    private Customer person(int index) {
        String name = COMMON_NAMES[random.nextInt(COMMON_NAMES.length)];
        return new Customer("N" + index, Customer.PartyKind.PERSON, name, null,
                List.of("p" + index + "@mail" + (index % 50) + ".example.cn"), List.of(mobile(index)),
                List.of(new Address("CN", "江苏", "南京市", "鼓楼区中山路" + (index % 900 + 1) + "号"
                        + (index / 900 + 1) + "栋" + (index % 7 + 1) + "0" + (index % 4 + 1) + "室", "210000")),
                null, null, "sales.wang", Customer.LifecycleStatus.LEAD);
    }

    /** Another system's typing of the same customer: e-mail in capitals, legal form and spacing changed. */
    private Customer retyped(Customer c) {
        String name = c.kind() == Customer.PartyKind.ORGANISATION
                ? c.name().replace("有限公司", "有限责任公司") : c.name().charAt(0) + " " + c.name().substring(1);
        List<String> emails = random.nextBoolean() ? c.emails().stream().map(String::toUpperCase).toList() : List.of();
        return new Customer(c.number() + "-copy", c.kind(), name, null, emails, c.phones(), c.addresses(), c.taxId(),
                c.industry(), c.owner(), c.lifecycleStatus());
    }

    private Phone mobile(int index) {
        return new Phone("+86138" + String.format("%08d", index * 7919L % 100_000_000L), "MOBILE");
    }

    private String han(int index) {
        StringBuilder sb = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            sb.append(HAN.charAt(n % HAN.length()));
            n /= HAN.length();
        }
        return sb.toString();
    }

    private CanonicalEvent customerEvent(int index, Customer c, ChangeOp op) {
        long seq = ++sequence;
        sequences.set(index, seq);
        return event(EntityType.CUSTOMER, new SourceRef(system, "customers", "C" + index, "p" + seq, seq), op,
                CanonicalJson.mapper().valueToTree(c));
    }

    private static CanonicalEvent event(EntityType type, SourceRef src, ChangeOp op,
                                        com.fasterxml.jackson.databind.JsonNode payload) {
        return new CanonicalEvent(CanonicalEvent.eventIdFor(src, op), CanonicalEvent.typeFor(type, op),
                CanonicalEvent.SCHEMA_VERSION, type, op, src, src.system() + "@1", Instant.now(), Instant.now(),
                payload, null);
    }

    String mix() {
        return "%d customer inserts (%d re-typed copies), %d updates, %d payments, %d orders".formatted(inserts, copies,
                updates, payments, orders);
    }
}
